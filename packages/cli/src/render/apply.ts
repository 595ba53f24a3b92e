import type { ApplyResult } from '@synapsor/writeback-executors';
import type { Colors } from '../support/output.js';

/** Exit 0 for applied, already_applied or a passing dry run; 1 otherwise (cli.md `apply`). */
export function applyExitCode(result: ApplyResult): 0 | 1 {
  return result.ok ? 0 : 1;
}

export function applyOutcome(result: ApplyResult): string {
  if (result.refused) return 'refused';
  if (result.dry_run) return `dry run: would be ${result.dry_run.would}`;
  if (result.already_applied) return 'already_applied';
  return result.receipt?.status ?? 'unknown';
}

export function renderApply(proposalId: string, result: ApplyResult, c: Colors): string[] {
  const outcome = applyOutcome(result);
  const lines = [`apply ${proposalId}: ${result.ok ? c.green(outcome) : c.red(outcome)}`];
  if (result.refused) lines.push(`refused: ${result.refused.code} — ${result.refused.message}`);
  lines.push('checks:');
  for (const check of result.checks) lines.push(`  ${check.status === 'pass' ? 'PASS' : 'FAIL'} ${check.id} ${check.name}${check.code ? ` ${check.code}` : ''}`);
  const receipt = result.dry_run?.receipt ?? result.receipt;
  if (receipt) {
    const guarded = receipt.status === 'applied' || receipt.status === 'already_applied';
    const heading = result.dry_run ? 'dry-run receipt (rolled back; nothing written):' : result.already_applied ? 'stored receipt of the earlier apply (no second write):' : 'receipt:';
    lines.push(
      heading,
      `  status: ${receipt.status}${receipt.safe_error_code ? ` (${receipt.safe_error_code})` : ''}`,
      `  primary key + tenant matched: ${receipt.safe_error_code === 'ROW_NOT_FOUND' ? 'no' : 'yes'}`,
      `  version guard: ${receipt.safe_error_code === 'VERSION_CONFLICT' ? 'failed' : guarded ? 'passed' : 'not reached'}${receipt.previous_version ? ` (previous ${receipt.previous_version})` : ''}`,
      `  affected rows: ${receipt.rows_affected}`,
      `  new version: ${receipt.new_version ?? '-'}`,
      `  source database changed: ${receipt.source_database_mutated ? 'yes' : 'no'}`,
      `  idempotency key: ${receipt.idempotency_key}`,
      `  receipt: ${receipt.receipt_id} ${receipt.receipt_hash}`,
    );
  }
  lines.push(`replay: synapsor-runner replay show ${proposalId}`);
  return lines;
}
