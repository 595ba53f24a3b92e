import { hashCanonical, isoNow, newId } from '@synapsor/core';
import type { ExecutionReceipt, ExecutorContext, ExecutorType, JsonObject, WritebackExecutor, WritebackJob } from '@synapsor/core';

/** What an executor learned from one attempt; the envelope fields come from the job. */
export type AttemptOutcome = Pick<
  ExecutionReceipt,
  'status' | 'rows_affected' | 'previous_version' | 'new_version' | 'source_database_mutated' | 'safe_error_code' | 'details'
>;

/**
 * The outcome fields of `from`, copied by name: whatever else the source carries (an adapter's
 * `dry_run`, say) never reaches a receipt.
 */
export function attemptOutcome(from: Omit<AttemptOutcome, 'details'>, details: JsonObject = {}): AttemptOutcome {
  return {
    status: from.status,
    rows_affected: from.rows_affected,
    previous_version: from.previous_version,
    new_version: from.new_version,
    source_database_mutated: from.source_database_mutated,
    safe_error_code: from.safe_error_code,
    details,
  };
}

/** `synapsor.execution-receipt.v1` with `receipt_hash` = sha256 of JCS without `receipt_hash`. */
export function buildExecutionReceipt(
  job: WritebackJob,
  context: Pick<ExecutorContext, 'runnerId' | 'clock' | 'random'>,
  outcome: AttemptOutcome,
  startedAt: Date,
): ExecutionReceipt {
  const executedAt = isoNow(context.clock);
  const body: Omit<ExecutionReceipt, 'receipt_hash'> = {
    schema_version: 'synapsor.execution-receipt.v1',
    receipt_id: newId('rct', context.random),
    writeback_job_id: job.writeback_job_id,
    proposal_id: job.proposal_id,
    attempt: job.attempt,
    executor: { ...job.executor },
    runner_id: context.runnerId,
    idempotency_key: job.idempotency_key,
    ...attemptOutcome(outcome, outcome.details),
    executed_at: executedAt,
    duration_ms: Math.max(0, Date.parse(executedAt) - startedAt.getTime()),
  };
  return { ...body, receipt_hash: hashCanonical(body) };
}

/** An executor whose `apply` is one timed attempt turned into a receipt; `attempt` never throws. */
export function receiptingExecutor(
  type: ExecutorType,
  name: string,
  attempt: (job: WritebackJob, context: ExecutorContext) => Promise<AttemptOutcome>,
): WritebackExecutor {
  return {
    type,
    name,
    async apply(job: WritebackJob, context: ExecutorContext): Promise<ExecutionReceipt> {
      const startedAt = context.clock.now();
      return buildExecutionReceipt(job, context, await attempt(job, context), startedAt);
    },
  };
}

/** A failed attempt that never reached the source (nothing mutated). */
export function failedOutcome(code: string, details: JsonObject = {}): AttemptOutcome {
  return {
    status: 'failed',
    rows_affected: 0,
    previous_version: null,
    new_version: null,
    source_database_mutated: false,
    safe_error_code: code,
    details,
  };
}

/** Dry runs never mutate and never count rows, whatever the executor reported. */
export function asDryRun(outcome: AttemptOutcome): AttemptOutcome {
  return {
    ...outcome,
    rows_affected: 0,
    source_database_mutated: false,
    details: { ...outcome.details, dry_run: true },
  };
}
