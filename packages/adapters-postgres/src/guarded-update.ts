import type pg from 'pg';
import {
  SynapsorError,
  alreadyAppliedOutcome,
  appliedOutcome,
  asDryRun,
  assertSqlUpdateJob,
  checkGuardAgainstRow,
  claimDecision,
  conflictOutcome,
  failedOutcome,
  guardedUpdatePlan,
  rowHash,
  type AdapterOutcome,
  type GuardedUpdatePlan,
  type Row,
  type WritebackJob,
} from '@synapsor/core';
import { driverErrorCode, noteDriverError } from './errors.js';
import type { DebugLogger } from './logger.js';
import { normaliseRow } from './normalise.js';
import type { PostgresPools } from './pools.js';
import type { ReceiptStatements, ReceiptsTableCheck } from './receipts.js';
import { run } from './sql.js';
import { compileLock, compileUpdate, fieldType } from './update-statements.js';

export interface WriterContext {
  pools: PostgresPools;
  statements: ReceiptStatements;
  receiptsTable: ReceiptsTableCheck;
  logger: DebugLogger;
}

/** How the transaction ends for a given outcome. */
interface StepResult {
  outcome: AdapterOutcome;
  end: 'commit' | 'rollback';
}

const NO_BINARY_VISIBLE = new Set<string>();

function versionOf(plan: GuardedUpdatePlan, row: Row | undefined): string | null {
  if (row === undefined) return null;
  if (plan.guard.kind === 'row_hash') return rowHash(row, plan.guard.columns);
  const value = row[plan.guard.column] ?? null;
  return value === null ? null : String(value);
}

/** Marks the claimed receipt `conflict` (kept, so a retry answers the same) and commits. */
async function conflict(context: WriterContext, client: pg.ClientBase, plan: GuardedUpdatePlan, job: WritebackJob, code: string, previous: string | null): Promise<StepResult> {
  const moved = await context.statements.transition(client, job.idempotency_key, 'in_progress', 'conflict', job.writeback_job_id, null);
  if (moved !== 1) return { outcome: failedOutcome('IDEMPOTENCY_RECEIPT_UNAVAILABLE'), end: 'rollback' };
  return { outcome: conflictOutcome(code, previous), end: 'commit' };
}

/** Step 1: claim the idempotency key, or decide from the receipt someone else left. */
async function claim(context: WriterContext, client: pg.ClientBase, job: WritebackJob): Promise<StepResult | null> {
  const { statements } = context;
  const inserted = await statements.claim(client, job.idempotency_key, job.writeback_job_id, job.proposal_id);
  if (inserted.rowCount === 1) return null;
  switch (claimDecision(await statements.lockStatus(client, job.idempotency_key))) {
    case 'already_applied':
      return { outcome: alreadyAppliedOutcome(), end: 'commit' };
    case 'idempotent_conflict':
      return { outcome: conflictOutcome('IDEMPOTENT_CONFLICT'), end: 'commit' };
    case 'in_progress':
      return { outcome: failedOutcome('IDEMPOTENCY_RECEIPT_IN_PROGRESS'), end: 'rollback' };
    case 'reclaim': {
      const moved = await statements.transition(client, job.idempotency_key, 'failed', 'in_progress', job.writeback_job_id, null);
      return moved === 1 ? null : { outcome: failedOutcome('IDEMPOTENCY_RECEIPT_UNAVAILABLE'), end: 'rollback' };
    }
    default:
      return { outcome: failedOutcome('IDEMPOTENCY_RECEIPT_UNAVAILABLE'), end: 'rollback' };
  }
}

/** Steps 1–5 inside the open transaction; the caller commits or rolls back. */
async function steps(context: WriterContext, client: pg.ClientBase, plan: GuardedUpdatePlan, job: WritebackJob, dryRun: boolean): Promise<StepResult> {
  const claimed = await claim(context, client, job);
  if (claimed !== null) return claimed;

  const locked = await run(client, compileLock(plan));
  const rows = locked.rows.map((raw) => normaliseRow(locked.fields, raw, NO_BINARY_VISIBLE));
  if (rows.length === 0) return conflict(context, client, plan, job, 'ROW_NOT_FOUND', null);
  const previous = versionOf(plan, rows[0]);
  for (const row of rows) {
    const check = checkGuardAgainstRow(plan.guard, row);
    if (!check.match) return conflict(context, client, plan, job, 'VERSION_CONFLICT', check.current);
  }

  const versionType = plan.guard.kind === 'column' ? fieldType(locked, plan.guard.column) : undefined;
  const updated = await run(client, compileUpdate(plan, versionType));
  const affected = updated.rowCount ?? 0;
  if (affected === 0) return { outcome: failedOutcome('VERSION_CONFLICT', previous), end: 'rollback' };
  if (affected > 1) return { outcome: failedOutcome('MULTI_ROW_WRITE_BLOCKED', previous), end: 'rollback' };
  const newVersion = versionOf(plan, updated.rows.map((raw) => normaliseRow(updated.fields, raw, NO_BINARY_VISIBLE))[0]);
  if (dryRun) return { outcome: appliedOutcome(previous, newVersion), end: 'rollback' };

  const moved = await context.statements.transition(client, job.idempotency_key, 'in_progress', 'applied', job.writeback_job_id, newVersion);
  if (moved !== 1) return { outcome: failedOutcome('IDEMPOTENCY_RECEIPT_UNAVAILABLE'), end: 'rollback' };
  return { outcome: appliedOutcome(previous, newVersion), end: 'commit' };
}

function failureCode(context: WriterContext, operation: string, error: unknown): string {
  if (error instanceof SynapsorError) return error.code;
  return driverErrorCode(noteDriverError(context.logger, operation, error), 'TRANSACTION_FAILED');
}

/**
 * The `sql_update` guarded UPDATE (writeback.md, PostgreSQL steps 0–6). Job problems that
 * pre-flight should have caught (`JOB_INVALID`, `UNSAFE_IDENTIFIER`, `ALLOWLIST_WIDENED`,
 * `PATCH_*`, `WRITER_CREDENTIAL_MISSING`) are thrown before any I/O; everything that happens
 * at the database is a returned outcome.
 */
export async function applyGuardedUpdate(context: WriterContext, job: WritebackJob, options: { dryRun: boolean }): Promise<AdapterOutcome> {
  assertSqlUpdateJob(job, 'postgres');
  const plan = guardedUpdatePlan(job);
  const pool = context.pools.writer();
  const finish = (outcome: AdapterOutcome): AdapterOutcome => (options.dryRun ? asDryRun(outcome) : outcome);

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    return finish(failedOutcome(failureCode(context, 'writer connect', error)));
  }
  let sessionLost = false;
  try {
    if (!(await context.receiptsTable.ensure(client, !options.dryRun))) return finish(failedOutcome('RECEIPTS_TABLE_MISSING'));
    await client.query('BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(context.pools.statementTimeoutMs)}`);
    const result = await steps(context, client, plan, job, options.dryRun);
    // A dry run never commits, whatever it found.
    await client.query(result.end === 'commit' && !options.dryRun ? 'COMMIT' : 'ROLLBACK');
    return finish(result.outcome);
  } catch (error) {
    const code = failureCode(context, 'guarded update', error);
    try {
      await client.query('ROLLBACK');
    } catch {
      sessionLost = true;
    }
    return finish(failedOutcome(code));
  } finally {
    client.release(sessionLost ? new Error('rollback failed') : undefined);
  }
}
