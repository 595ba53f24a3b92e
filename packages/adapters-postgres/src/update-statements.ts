import type pg from 'pg';
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { utcTimestampLiteral, type GuardedUpdatePlan, type NormalizedValue } from '@synapsor/core';
import { OID } from './normalise.js';
import { builder } from './sql.js';

/** Step 2: lock the target row(s) by pk + tenant and read the guard columns. */
export function compileLock(plan: GuardedUpdatePlan): CompiledQuery {
  let query = builder.withSchema(plan.schema).selectFrom(plan.table).select(plan.lockColumns).where(plan.primaryKey.column, '=', plan.primaryKey.value);
  if (plan.tenant !== null) query = query.where(plan.tenant.column, '=', plan.tenant.value);
  return query.forUpdate().compile();
}

function bumpExpression(column: string, bump: 'now' | 'increment'): RawBuilder<unknown> {
  // `now` can never repeat the old version, even when the clock is behind it.
  return bump === 'now'
    ? sql`GREATEST(clock_timestamp(), ${sql.ref(column)} + interval '1 microsecond')`
    : sql`${sql.ref(column)} + 1`;
}

/**
 * The expected version as PostgreSQL should compare it: timestamps as an ISO literal in UTC
 * with offset, truncated to microseconds exactly like `versionsMatch`; anything else as given.
 */
export function expectedVersionParameter(expected: NormalizedValue, versionType: number | undefined): NormalizedValue {
  if (versionType === OID.timestamptz || versionType === OID.timestamp) return utcTimestampLiteral(expected, true) ?? expected;
  return expected;
}

/** Step 4: only the patch columns (plus the bump), by pk + tenant [+ expected version]. */
export function compileUpdate(plan: GuardedUpdatePlan, versionType: number | undefined): CompiledQuery {
  const values: Record<string, unknown> = Object.fromEntries(plan.patch);
  const guard = plan.guard;
  if (guard.kind === 'column' && guard.bump !== null) values[guard.column] = bumpExpression(guard.column, guard.bump);
  let query = builder.withSchema(plan.schema).updateTable(plan.table).set(values).where(plan.primaryKey.column, '=', plan.primaryKey.value);
  if (plan.tenant !== null) query = query.where(plan.tenant.column, '=', plan.tenant.value);
  if (guard.kind === 'column') {
    const expected = expectedVersionParameter(guard.expected_value, versionType);
    query = expected === null ? query.where(guard.column, 'is', null) : query.where(guard.column, '=', expected);
  }
  return query.returning(plan.lockColumns).compile();
}

export function fieldType(result: pg.QueryResult, column: string): number | undefined {
  return result.fields.find((field) => field.name === column)?.dataTypeID;
}
