import type { AuditReport, Severity } from '../types.js';
import { countsLine, DISCLAIMER, DISCLAIMER_DETAIL, NO_FINDINGS, SAFER_SHAPE, scopeLabel, TITLE, type RenderOptions } from './common.js';

const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = { HIGH: '\u001b[31m', MEDIUM: '\u001b[33m', LOW: '\u001b[36m' };
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

export function renderText(report: AuditReport, options: RenderOptions): string {
  const paint = (code: string, text: string): string => (options.color === true ? `${code}${text}${RESET}` : text);
  const lines = [paint(BOLD, TITLE), `Target: ${report.target}`];
  const summary = [
    countsLine(report),
    `Overall risk: ${report.summary.overall_risk}`,
    `Servers inspected: ${report.summary.servers_inspected} | Tools inspected: ${report.summary.tools_inspected}`,
  ];
  const errors =
    report.errors.length === 0
      ? []
      : ['', paint(BOLD, 'Errors (the report does not cover these servers)'), ...report.errors.map((e) => `  ${e.server}: ${e.reason}`)];

  if (report.findings.length === 0) {
    return [...lines, '', ...summary, ...errors, '', NO_FINDINGS, DISCLAIMER, DISCLAIMER_DETAIL, ''].join('\n');
  }
  lines.push(DISCLAIMER, '', ...summary, ...errors);
  for (const finding of report.findings) {
    lines.push(
      '',
      `${paint(SEVERITY_COLOUR[finding.severity], finding.severity)} ${finding.code} — ${scopeLabel(finding)}`,
      `  ${finding.message}`,
      '  Evidence:',
      ...finding.evidence.map((e) => `    ${e.path}: ${e.detail}`),
      `  Recommendation: ${finding.recommendation}`,
    );
  }
  lines.push('', paint(BOLD, 'Suggested safer shape'), ...SAFER_SHAPE.map((item) => `  - ${item}`), '', DISCLAIMER_DETAIL, '');
  return lines.join('\n');
}
