import type { AuditReport } from '../types.js';
import { DISCLAIMER, type RenderOptions } from './common.js';

export const JSON_SCHEMA_VERSION = 'synapsor.mcp-audit.v1';

/** The `json` format object (audit.md "Outputs"). */
export function toJsonReport(report: AuditReport, options: RenderOptions) {
  return {
    schema_version: JSON_SCHEMA_VERSION,
    target: report.target,
    disclaimer: DISCLAIMER,
    generated_at: options.generatedAt,
    summary: report.summary,
    findings: report.findings,
    errors: report.errors,
  };
}

export function renderJson(report: AuditReport, options: RenderOptions): string {
  return `${JSON.stringify(toJsonReport(report, options), null, 2)}\n`;
}
