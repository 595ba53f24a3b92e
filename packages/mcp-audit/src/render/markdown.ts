import type { AuditReport } from '../types.js';
import { DISCLAIMER, DISCLAIMER_DETAIL, NO_FINDINGS, SAFER_SHAPE, TITLE, type RenderOptions } from './common.js';

/** Table-cell safe: no pipes, line breaks or raw HTML from tool metadata. */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

const code = (text: string): string => (text.includes('`') ? cell(text) : `\`${cell(text)}\``);

export function renderMarkdown(report: AuditReport, _options: RenderOptions): string {
  const s = report.summary;
  const lines = [
    `# ${TITLE}`,
    '',
    `Target: ${code(report.target)}`,
    '',
    `> ${DISCLAIMER}`,
    '',
    '| severity | count |',
    '| --- | --- |',
    `| HIGH | ${s.high} |`,
    `| MEDIUM | ${s.medium} |`,
    `| LOW | ${s.low} |`,
    '',
    `Overall risk: **${s.overall_risk}** · servers inspected: ${s.servers_inspected} · tools inspected: ${s.tools_inspected}`,
    '',
  ];
  if (report.errors.length > 0) {
    lines.push('## Errors', '', '| server | reason |', '| --- | --- |');
    lines.push(...report.errors.map((e) => `| ${cell(e.server)} | ${cell(e.reason)} |`), '');
  }
  if (report.findings.length === 0) {
    lines.push(NO_FINDINGS, '');
  } else {
    lines.push('## Findings', '', '| severity | code | server | tool | message | evidence | recommendation |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const f of report.findings) {
      const evidence = f.evidence.map((e) => `${code(e.path)}: ${cell(e.detail)}`).join('<br>');
      lines.push(
        `| ${f.severity} | ${code(f.code)} | ${cell(f.server ?? '')} | ${cell(f.tool ?? '')} | ${cell(f.message)} | ${evidence} | ${cell(f.recommendation)} |`,
      );
    }
    lines.push('', '## Suggested safer shape', '', ...SAFER_SHAPE.map((item) => `- ${item}`), '');
  }
  lines.push('## Disclaimer', '', `${DISCLAIMER} ${DISCLAIMER_DETAIL}`, '');
  return lines.join('\n');
}
