import { sql, type Kysely } from 'kysely';
import {
  type AdapterOutcome,
  type GuardedUpdatePlan,
  type NormalizedValue,
  type Row,
  type WritebackJob,
  alreadyAppliedOutcome,
  appliedOutcome,
  asDryRun,
  assertSqlUpdateJob,
  checkGuardAgainstRow,
  claimDecision,
  conflictOutcome,
  failedOutcome,
  guardedUpdatePlan,
  utcTimestampLiteral,
  writebackResultHash,
} from '@synapsor/core';
import { DEADLOCK_ERRNO, DUPLICATE_KEY_ERRNO, LOCK_WAIT_ERRNO, type DebugLogger, errnoOf, mapDriverError } from './errors.js';
import { type ColumnMeta, fieldsOf } from './fields.js';
import { normaliseRows } from './normalise.js';
import type { ReceiptsTableCheck } from './receipts.js';
import * as q from './update-sql.js';

const TIMESTAMP_TYPES = new Set([7, 12]);
export const MAX_RETRIES = 3;

interface Context {
  job: WritebackJob;
  plan: GuardedUpdatePlan;
  dryRun: boolean;
  receiptsSchema: string | undefined;
}

/** What one transaction attempt decided, and whether its work is kept. */
interface StepResult {
  outcome: AdapterOutcome;
  finish: 'commit' | 'rollback';
}

const stop = (outcome: AdapterOutcome, finish: StepResult['finish']): StepResult => ({ outcome, finish });

type Tx = Kysely<any>;

async function selectRows(tx: Tx, query: ReturnType<typeof q.lockRow>): Promise<{ rows: Row[]; metas: ColumnMeta[] }> {
  const raw = (await query.execute(tx)).rows;
  const metas = fieldsOf(raw);
  // Guard values are never shown, so binary guard columns hash as hex instead of failing.
  return { rows: normaliseRows(raw, metas, new Set()), metas };
}

/** Step 1: claim the idempotency key; `null` = claimed, carry on. */
async function claim(tx: Tx, ctx: Context): Promise<StepResult | null> {
  const { job, receiptsSchema: schema } = ctx;
  try {
    await q.claimInsert(schema, job.idempotency_key, job.writeback_job_id, job.proposal_id).execute(tx);
    return null;
  } catch (error) {
    if (errnoOf(error) !== DUPLICATE_KEY_ERRNO) throw error;
  }
  const existing = (await q.claimSelect(schema, job.idempotency_key).execute(tx)).rows[0]?.status ?? null;
  switch (claimDecision(existing)) {
    case 'already_applied':
      return stop(alreadyAppliedOutcome(), 'commit');
    case 'idempotent_conflict':
      return stop(conflictOutcome('IDEMPOTENT_CONFLICT'), 'commit');
    case 'reclaim':
      await q.reclaimFailed(schema, job.idempotency_key).execute(tx);
      return null;
    case 'in_progress':
      return stop(failedOutcome('IDEMPOTENCY_RECEIPT_IN_PROGRESS'), 'rollback');
    default:
      // No row under our key (the duplicate was the job id) or an unknown status: fail closed.
      return stop(failedOutcome('IDEMPOTENCY_RECEIPT_UNAVAILABLE'), 'rollback');
  }
}

async function recordConflict(tx: Tx, ctx: Context): Promise<void> {
  const hash = writebackResultHash(ctx.job.writeback_job_id, 'conflict', null);
  await q.finishReceipt(ctx.receiptsSchema, ctx.job.idempotency_key, 'conflict', hash).execute(tx);
}

/** Steps 1–5 inside one open transaction. */
async function steps(tx: Tx, ctx: Context): Promise<StepResult> {
  const { plan, job } = ctx;
  const claimed = await claim(tx, ctx);
  if (claimed) return claimed;

  const locked = await selectRows(tx, q.lockRow(plan));
  if (locked.rows.length === 0) {
    await recordConflict(tx, ctx);
    return stop(conflictOutcome('ROW_NOT_FOUND'), 'commit');
  }
  if (locked.rows.length > 1) return stop(failedOutcome('MULTI_ROW_WRITE_BLOCKED'), 'rollback');

  const { match, current: previous } = checkGuardAgainstRow(plan.guard, locked.rows[0]!);
  if (!match) {
    await recordConflict(tx, ctx);
    return stop(conflictOutcome('VERSION_CONFLICT', previous), 'commit');
  }

  const updated = await q.businessUpdate(plan, expectedBinding(plan, locked.metas)).execute(tx);
  const affected = Number(updated.numAffectedRows ?? 0n);
  if (affected === 0) return stop(failedOutcome('VERSION_CONFLICT', previous), 'rollback');
  if (affected > 1) return stop(failedOutcome('MULTI_ROW_WRITE_BLOCKED', previous), 'rollback');

  // No UPDATE … RETURNING on MySQL/MariaDB: re-read the new version inside the transaction.
  const after = await selectRows(tx, q.reselect(plan));
  const newVersion = after.rows[0] ? checkGuardAgainstRow(plan.guard, after.rows[0]).current : null;
  if (ctx.dryRun) return stop(appliedOutcome(previous, null), 'rollback');

  const receipt = await q.finishReceipt(ctx.receiptsSchema, job.idempotency_key, 'applied', writebackResultHash(job.writeback_job_id, 'applied', newVersion)).execute(tx);
  if (Number(receipt.numAffectedRows ?? 0n) !== 1) return stop(failedOutcome('IDEMPOTENCY_RECEIPT_UNAVAILABLE', previous), 'rollback');
  return stop(appliedOutcome(previous, newVersion), 'commit');
}

/** The expected version in the column's literal form: timestamps as `YYYY-MM-DD HH:MM:SS.ffffff` UTC. */
function expectedBinding(plan: GuardedUpdatePlan, metas: ColumnMeta[]): NormalizedValue | undefined {
  if (plan.guard.kind !== 'column') return undefined;
  const expected = plan.guard.expected_value;
  const column = plan.guard.column;
  const meta = metas.find((m) => m.name === column);
  if (meta && TIMESTAMP_TYPES.has(meta.columnType)) return utcTimestampLiteral(expected, false) ?? expected;
  return expected;
}

/** Step 0 and 6: one transaction; anything thrown rolls back the business row and the claim together. */
async function attempt(db: Kysely<any>, ctx: Context): Promise<AdapterOutcome> {
  return db.connection().execute(async (tx) => {
    await sql`START TRANSACTION`.execute(tx);
    let result: StepResult;
    try {
      result = await steps(tx, ctx);
    } catch (error) {
      await sql`ROLLBACK`.execute(tx).catch(() => undefined);
      throw error;
    }
    const finish = ctx.dryRun ? 'rollback' : result.finish;
    await sql.raw(finish === 'commit' ? 'COMMIT' : 'ROLLBACK').execute(tx);
    return result.outcome;
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Guarded single-row UPDATE with receipts (writeback.md). Invalid jobs throw before any SQL;
 * database trouble becomes a `failed` outcome. Deadlocks and lock-wait timeouts retry the
 * whole transaction up to 3 times after 10–50 ms of jitter.
 */
export async function applyGuardedUpdate(
  writer: () => Kysely<any>,
  receipts: ReceiptsTableCheck,
  job: WritebackJob,
  options: { dryRun: boolean; receiptsSchema: string | undefined; logger: DebugLogger | undefined; random?: () => number },
): Promise<AdapterOutcome> {
  // The job is re-validated before the writer pool exists: a bad job never reaches SQL.
  assertSqlUpdateJob(job, 'mysql');
  const ctx: Context = { job, plan: guardedUpdatePlan(job), dryRun: options.dryRun, receiptsSchema: options.receiptsSchema };
  const db = writer();
  const random = options.random ?? Math.random;
  try {
    await receipts.ensure(db);
  } catch (error) {
    const failure = failedOutcome(mapDriverError(error, 'receipts', options.logger, 'RECEIPTS_TABLE_MISSING').code);
    return options.dryRun ? asDryRun(failure) : failure;
  }
  for (let retry = 0; ; retry += 1) {
    try {
      const result = await attempt(db, ctx);
      return options.dryRun ? asDryRun(result) : result;
    } catch (error) {
      const errno = errnoOf(error);
      if ((errno === DEADLOCK_ERRNO || errno === LOCK_WAIT_ERRNO) && retry < MAX_RETRIES) {
        options.logger?.debug({ context: 'guarded_update_retry', errno, retry: retry + 1 }, 'retrying the writeback transaction');
        await sleep(10 + Math.floor(random() * 41));
        continue;
      }
      const failure = failedOutcome(mapDriverError(error, 'guarded_update', options.logger, 'TRANSACTION_FAILED').code);
      return options.dryRun ? asDryRun(failure) : failure;
    }
  }
}
