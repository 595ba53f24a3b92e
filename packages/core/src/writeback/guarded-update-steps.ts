import { SynapsorError } from '../errors/index.js';
import type { AdapterOutcome } from '../ports/index.js';
import type { Engine, JobConflictGuard, NormalizedValue, Row, WritebackJob } from '../records/index.js';
import { rowHash } from './row-hash.js';
import { timestampMicros, versionsMatch } from './versions.js';

/**
 * Engine-agnostic steps of the `sql_update` guarded UPDATE (writeback.md) that both SQL
 * adapters share; `guardedUpdatePlan` (guarded-update-plan.ts) re-validates the identifiers.
 */
export const RECEIPTS_TABLE_NAME = 'synapsor_writeback_receipts';

/** Job envelope re-check before any SQL: schema version, operation, engine, executor, ids. */
export function assertSqlUpdateJob(job: WritebackJob, engine: Engine): void {
  const invalid = (message: string): never => {
    throw new SynapsorError('JOB_INVALID', message);
  };
  if (job === null || typeof job !== 'object') invalid('job missing');
  if (job.schema_version !== 'synapsor.writeback-job.v1') invalid('unknown job schema version');
  if (job.operation !== 'single_row_update') invalid('unsupported operation');
  if (job.engine !== engine) invalid('job is for another engine');
  if (job.executor?.type !== 'sql_update') invalid('job is not an sql_update job');
  for (const [field, value] of [
    ['writeback_job_id', job.writeback_job_id],
    ['proposal_id', job.proposal_id],
    ['idempotency_key', job.idempotency_key],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 512) invalid(`${field} missing`);
  }
  if (job.target?.primary_key?.value === null || job.target?.primary_key?.value === undefined) invalid('primary key value missing');
  if (job.tenant_guard !== null && (job.tenant_guard?.value === null || job.tenant_guard?.value === undefined)) {
    invalid('tenant value missing');
  }
  if (job.patch === null || typeof job.patch !== 'object' || Array.isArray(job.patch)) invalid('patch missing');
  if (!Array.isArray(job.allowed_columns)) invalid('allowed columns missing');
  const guard = job.conflict_guard as Partial<JobConflictGuard> | null | undefined;
  const guardOk =
    guard?.kind === 'column'
      ? typeof guard.column === 'string' && [null, 'now', 'increment'].includes(guard.bump ?? null)
      : guard?.kind === 'row_hash' && Array.isArray(guard.columns) && typeof guard.expected_hash === 'string';
  if (!guardOk) invalid('conflict guard malformed');
}

/** What step 1 does when the claim found an existing receipt row with this status. */
export type ClaimDecision = 'already_applied' | 'idempotent_conflict' | 'reclaim' | 'in_progress' | 'unavailable';

export function claimDecision(existingStatus: string | null): ClaimDecision {
  switch (existingStatus) {
    case 'applied':
      return 'already_applied';
    case 'conflict':
      return 'idempotent_conflict';
    case 'failed':
      return 'reclaim';
    case 'in_progress':
      return 'in_progress';
    default:
      // Row vanished, or a status we never write for jobs (e.g. `doctor`): fail closed.
      return 'unavailable';
  }
}

/** Step 3: does the locked row still match the guard? `current` = version or recomputed hash. */
export function checkGuardAgainstRow(guard: JobConflictGuard, row: Row): { match: boolean; current: string | null } {
  if (guard.kind === 'column') {
    const value = row[guard.column] ?? null;
    return { match: versionsMatch(guard.expected_value, value), current: value === null ? null : String(value) };
  }
  const current = rowHash(row, guard.columns);
  return { match: current === guard.expected_hash, current };
}

const NOTHING_WRITTEN = { rows_affected: 0, source_database_mutated: false, new_version: null } as const;

export function appliedOutcome(previousVersion: string | null, newVersion: string | null): AdapterOutcome {
  return {
    status: 'applied',
    rows_affected: 1,
    previous_version: previousVersion,
    new_version: newVersion,
    source_database_mutated: true,
    safe_error_code: null,
  };
}

export function alreadyAppliedOutcome(): AdapterOutcome {
  return { status: 'already_applied', ...NOTHING_WRITTEN, previous_version: null, safe_error_code: null };
}

export function conflictOutcome(code: string, previousVersion: string | null = null): AdapterOutcome {
  return { status: 'conflict', ...NOTHING_WRITTEN, previous_version: previousVersion, safe_error_code: code };
}

export function failedOutcome(code: string, previousVersion: string | null = null): AdapterOutcome {
  return { status: 'failed', ...NOTHING_WRITTEN, previous_version: previousVersion, safe_error_code: code };
}

/** A dry run never mutates: what would have happened, with 0 rows. */
export function asDryRun(outcome: AdapterOutcome): AdapterOutcome {
  const would = outcome.status === 'already_applied' ? 'applied' : outcome.status;
  return { ...outcome, ...NOTHING_WRITTEN, dry_run: { would, safe_error_code: outcome.safe_error_code } };
}

/**
 * A timestamp-looking version as an engine literal in UTC, truncated to microseconds exactly
 * like `versionsMatch` (so the UPDATE predicate agrees with the compare step):
 * `YYYY-MM-DD HH:MM:SS.ffffff`, plus `+00:00` when `withOffset`. `null` for non-timestamps.
 */
export function utcTimestampLiteral(value: NormalizedValue, withOffset: boolean): string | null {
  if (typeof value !== 'string') return null;
  const micros = timestampMicros(value);
  if (micros === null) return null;
  const seconds = micros >= 0n ? micros / 1_000_000n : -((-micros + 999_999n) / 1_000_000n);
  const fraction = micros - seconds * 1_000_000n;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  if (!/^\d{4}-/.test(iso)) return null; // outside years 0000..9999
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction.toString().padStart(6, '0')}`;
  return withOffset ? `${text}+00:00` : text;
}
