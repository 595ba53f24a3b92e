import { AuditUsageError } from './errors.js';
import type { AuditReport, FailOn, Severity } from './types.js';
import { SEVERITY_RANK } from './types.js';

const THRESHOLD: Readonly<Record<FailOn, Severity>> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** 2 when a target could not be listed (wins over 1); 1 when a finding is at or above `failOn`; else 0. */
export function auditExitCode(report: AuditReport, failOn?: FailOn): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  if (failOn === undefined) return 0;
  const threshold = THRESHOLD[failOn];
  if (threshold === undefined) throw new AuditUsageError(`--fail-on must be high, medium or low`);
  return report.findings.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[threshold]) ? 1 : 0;
}
