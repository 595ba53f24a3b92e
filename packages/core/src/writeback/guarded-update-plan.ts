import { SynapsorError } from '../errors/index.js';
import { assertSqlIdentifier } from '../guards/identifier.js';
import type { ColumnValue, JobConflictGuard, NormalizedValue, WritebackJob } from '../records/index.js';

/** Everything an SQL adapter needs from a job for the guarded UPDATE, re-validated. */
export interface GuardedUpdatePlan {
  schema: string;
  table: string;
  primaryKey: ColumnValue;
  /** `null` only for single-tenant dev jobs. */
  tenant: ColumnValue | null;
  /** Patch entries in a stable (sorted) order so statement texts are deterministic. */
  patch: Array<[column: string, value: NormalizedValue]>;
  guard: JobConflictGuard;
  /** Columns the lock step selects: the version column, or the row-hash columns. */
  lockColumns: string[];
}

const isPrimitive = (value: unknown): value is NormalizedValue =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Re-checks a writeback job before any SQL (defence in depth; apply's pre-flight does the same
 * against the config): identifiers (`UNSAFE_IDENTIFIER`), a non-empty patch of JSON primitives
 * (`PATCH_REQUIRED`, `PATCH_VALUE_INVALID`), and an allow-list the patch stays inside, never
 * touching pk, tenant or conflict column (`ALLOWLIST_WIDENED`).
 */
export function guardedUpdatePlan(job: WritebackJob): GuardedUpdatePlan {
  const { target, tenant_guard: tenant, conflict_guard: guard } = job;
  assertSqlIdentifier(target.schema, 'target schema');
  assertSqlIdentifier(target.table, 'target table');
  assertSqlIdentifier(target.primary_key.column, 'primary key');
  if (tenant !== null) assertSqlIdentifier(tenant.column, 'tenant key');
  for (const column of job.allowed_columns) assertSqlIdentifier(column, 'allowed column');
  const lockColumns = guard.kind === 'column' ? [guard.column] : [...new Set(guard.columns)].sort();
  for (const column of lockColumns) assertSqlIdentifier(column, 'conflict guard column');
  if (guard.kind === 'row_hash' && lockColumns.length === 0) {
    throw new SynapsorError('CONFLICT_GUARD_MISMATCH', 'row-hash guard has no columns');
  }

  const patch = Object.entries(job.patch).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (patch.length === 0) throw new SynapsorError('PATCH_REQUIRED', 'the job has an empty patch');
  const allowed = new Set(job.allowed_columns);
  const protectedColumns = new Set([target.primary_key.column, tenant?.column, guard.kind === 'column' ? guard.column : undefined]);
  for (const [column, value] of patch) {
    assertSqlIdentifier(column, 'patch column');
    if (!allowed.has(column) || protectedColumns.has(column)) {
      throw new SynapsorError('ALLOWLIST_WIDENED', 'a patch column is outside the reviewed allow-list');
    }
    if (!isPrimitive(value) || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new SynapsorError('PATCH_VALUE_INVALID', 'patch values must be JSON primitives');
    }
  }
  if (!isPrimitive(target.primary_key.value) || (tenant !== null && !isPrimitive(tenant.value))) {
    throw new SynapsorError('PATCH_VALUE_INVALID', 'key values must be JSON primitives');
  }
  return { schema: target.schema, table: target.table, primaryKey: target.primary_key, tenant, patch, guard, lockColumns };
}
