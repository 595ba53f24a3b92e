import type { AuditReport, Finding } from '../types.js';

export const DISCLAIMER = 'This is a static risk review, not proof that an MCP server is secure.';
export const DISCLAIMER_DETAIL =
  'The audit reads declared tool metadata and client settings only: a clean result does not show that a server enforces tenants, guards writes or hides SQL at run time, and a finding can be a false positive for a tool that behaves more safely than it describes itself.';
export const TITLE = 'Synapsor MCP database risk review';
export const NO_FINDINGS = 'No listed risk pattern matched.';

export const SAFER_SHAPE: readonly string[] = [
  'Expose semantic read tools (one reviewed lookup per business question) instead of SQL, tables or columns.',
  'Expose proposal tools instead of writes: the model records a change set, nothing changes yet.',
  'Take tenant and principal from trusted context (environment or server config), never from tool arguments.',
  'Approve or reject proposals outside MCP, by a person holding the required role.',
  'Apply approved proposals with a guarded writeback that checks the row version and an idempotency key.',
];

export interface RenderOptions {
  color?: boolean;
  /** Package version, for SARIF `tool.driver.version`. */
  version: string;
  /** ISO timestamp for JSON `generated_at` (passed in so output is deterministic). */
  generatedAt: string;
}

export const countsLine = (report: AuditReport): string =>
  `HIGH ${report.summary.high} | MEDIUM ${report.summary.medium} | LOW ${report.summary.low}`;

/** `server/tool`, `tool`, `server` or `target` for report-wide findings. */
export function scopeLabel(finding: Finding): string {
  if (finding.server !== undefined && finding.tool !== undefined) return `${finding.server}/${finding.tool}`;
  return finding.tool ?? finding.server ?? 'target';
}
