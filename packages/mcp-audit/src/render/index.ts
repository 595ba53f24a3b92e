import { AuditUsageError } from '../errors.js';
import type { AuditFormat, AuditReport } from '../types.js';
import type { RenderOptions } from './common.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

const RENDERERS: Readonly<Record<AuditFormat, (report: AuditReport, options: RenderOptions) => string>> = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  sarif: renderSarif,
};

export const AUDIT_FORMATS = Object.keys(RENDERERS) as AuditFormat[];

export function renderAudit(report: AuditReport, format: AuditFormat, options: RenderOptions): string {
  const render = RENDERERS[format];
  if (render === undefined) {
    throw new AuditUsageError(`unknown format "${String(format)}"; use ${AUDIT_FORMATS.join(', ')}`);
  }
  return render(report, options);
}
