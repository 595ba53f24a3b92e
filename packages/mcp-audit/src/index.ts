export { runAudit, auditToolDescriptors, DEFAULT_TIMEOUT_MS } from './run/run-audit.js';
export { renderAudit, AUDIT_FORMATS } from './render/index.js';
export { DISCLAIMER, type RenderOptions } from './render/common.js';
export { auditExitCode } from './exit-code.js';
export { AuditUsageError } from './errors.js';
export { RULES, type RuleCode } from './rules/catalog.js';
export { EXAMPLES } from './loaders/example.js';
export type {
  AuditFormat,
  AuditOptions,
  AuditReport,
  AuditSummary,
  Evidence,
  FailOn,
  Finding,
  OverallRisk,
  Severity,
  TargetError,
  TargetKind,
} from './types.js';
