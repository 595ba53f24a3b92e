import { checkToolBoundary, compileTools, type AliasMode, type BoundaryCheck, type RunnerConfig, type ToolDescriptor } from '@synapsor/core';

/** mcp.md "Never exposed": what the model never sees, shown by `tools preview`. */
export const NOT_EXPOSED = [
  'raw SQL or query execution tools',
  'sql / query / statement parameters',
  'table, schema, column or database arguments',
  'tenant, principal, version or allow-list arguments',
  'approve, reject, apply, commit or writeback tools',
  'database URLs, credentials, handler URLs, tokens or file paths',
] as const;

export interface BoundaryReport {
  ok: boolean;
  descriptors: readonly ToolDescriptor[];
  checks: BoundaryCheck[];
}

/**
 * The compiled tool list plus its boundary checks: core's name/property/string checks and the
 * audit rules (any HIGH finding fails). Pure: no database, no ledger. Async only because the
 * audit package (with the SDK clients it carries) is imported here, not at CLI start-up.
 */
export async function boundaryReport(config: RunnerConfig, aliasMode: AliasMode, options: { readOnly?: boolean } = {}): Promise<BoundaryReport> {
  const { auditToolDescriptors } = await import('@synapsor/mcp-audit');
  const compiled = compileTools(config, { aliasMode, ...(options.readOnly ? { mode: 'read_only' as const } : {}) });
  const descriptors = compiled.descriptors;
  const checks = checkToolBoundary(descriptors);
  const high = auditToolDescriptors(descriptors, { server: 'synapsor-runner' }).findings.filter((finding) => finding.severity === 'HIGH');
  checks.push(
    high.length === 0
      ? { id: 'no_high_audit_findings', status: 'pass', message: 'the audit rules report no HIGH finding' }
      : {
          id: 'no_high_audit_findings',
          status: 'fail',
          message: `HIGH audit findings: ${high.map((finding) => `${finding.code}${finding.tool ? ` (${finding.tool})` : ''}`).join(', ')}`,
        },
  );
  return { ok: checks.every((check) => check.status === 'pass'), descriptors, checks };
}

export function formatChecks(checks: readonly BoundaryCheck[]): string[] {
  return checks.map((check) => `${check.status === 'pass' ? 'PASS' : 'FAIL'} ${check.id}: ${check.message}`);
}
