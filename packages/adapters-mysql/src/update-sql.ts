import { sql, type RawBuilder } from 'kysely';
import type { GuardedUpdatePlan, NormalizedValue } from '@synapsor/core';
import { receiptsTableRef } from './receipts.js';

/** Statements of the guarded UPDATE (writeback.md `sql_update`, MySQL column). Values always bound. */

const target = (plan: GuardedUpdatePlan): RawBuilder<unknown> => sql.id(plan.schema, plan.table);

/** `pk = ? AND tenant = ?` (no tenant predicate only for single-tenant dev jobs). */
function keyPredicate(plan: GuardedUpdatePlan): RawBuilder<unknown> {
  const parts = [sql`${sql.id(plan.primaryKey.column)} = ${plan.primaryKey.value}`];
  if (plan.tenant !== null) parts.push(sql`${sql.id(plan.tenant.column)} = ${plan.tenant.value}`);
  return sql.join(parts, sql` AND `);
}

export function claimInsert(schema: string | undefined, key: string, jobId: string, proposalId: string): RawBuilder<unknown> {
  return sql`INSERT INTO ${receiptsTableRef(schema)} (idempotency_key, job_id, proposal_id, status) VALUES (${key}, ${jobId}, ${proposalId}, 'in_progress')`;
}

export function claimSelect(schema: string | undefined, key: string): RawBuilder<{ status: string }> {
  return sql`SELECT status FROM ${receiptsTableRef(schema)} WHERE idempotency_key = ${key} FOR UPDATE`;
}

export function reclaimFailed(schema: string | undefined, key: string): RawBuilder<unknown> {
  return sql`UPDATE ${receiptsTableRef(schema)} SET status = 'in_progress', result_hash = NULL, completed_at = NULL WHERE idempotency_key = ${key} AND status = 'failed'`;
}

/** Closes the claim: only an `in_progress` row moves, so affected ≠ 1 means someone else owns it. */
export function finishReceipt(schema: string | undefined, key: string, status: 'applied' | 'conflict', resultHash: string): RawBuilder<unknown> {
  return sql`UPDATE ${receiptsTableRef(schema)} SET status = ${status}, result_hash = ${resultHash}, completed_at = CURRENT_TIMESTAMP(6) WHERE idempotency_key = ${key} AND status = 'in_progress'`;
}

export function lockRow(plan: GuardedUpdatePlan): RawBuilder<Record<string, unknown>> {
  const columns = sql.join(plan.lockColumns.map((c) => sql.id(c)));
  return sql`SELECT ${columns} FROM ${target(plan)} WHERE ${keyPredicate(plan)} FOR UPDATE`;
}

export function reselect(plan: GuardedUpdatePlan): RawBuilder<Record<string, unknown>> {
  const columns = sql.join(plan.lockColumns.map((c) => sql.id(c)));
  return sql`SELECT ${columns} FROM ${target(plan)} WHERE ${keyPredicate(plan)}`;
}

/**
 * `UPDATE s.t SET c = ?, … [, v = <bump>] WHERE pk = ? AND tenant = ? [AND v <=> ?]`.
 * `<=>` is null-safe so an expected NULL version still matches exactly one row.
 */
export function businessUpdate(plan: GuardedUpdatePlan, expectedBound: NormalizedValue | undefined): RawBuilder<unknown> {
  const assignments = plan.patch.map(([column, value]) => sql`${sql.id(column)} = ${value}`);
  const guard = plan.guard;
  let where = keyPredicate(plan);
  if (guard.kind === 'column') {
    const version = sql.id(guard.column);
    if (guard.bump === 'now') assignments.push(sql`${version} = GREATEST(CURRENT_TIMESTAMP(6), ${version} + INTERVAL 1 MICROSECOND)`);
    if (guard.bump === 'increment') assignments.push(sql`${version} = ${version} + 1`);
    where = sql`${where} AND ${version} <=> ${expectedBound ?? null}`;
  }
  return sql`UPDATE ${target(plan)} SET ${sql.join(assignments)} WHERE ${where}`;
}
