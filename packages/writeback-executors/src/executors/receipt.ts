import { hashCanonical, isoNow, newId } from '@synapsor/core';
import type { ExecutionReceipt, ExecutorContext, JsonObject, ReceiptStatus, WritebackJob } from '@synapsor/core';

/** What an executor learned from one attempt; the envelope fields come from the job. */
export interface AttemptOutcome {
  status: ReceiptStatus;
  rows_affected: number;
  previous_version: string | null;
  new_version: string | null;
  source_database_mutated: boolean;
  safe_error_code: string | null;
  details: JsonObject;
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
    status: outcome.status,
    rows_affected: outcome.rows_affected,
    previous_version: outcome.previous_version,
    new_version: outcome.new_version,
    source_database_mutated: outcome.source_database_mutated,
    safe_error_code: outcome.safe_error_code,
    details: outcome.details,
    executed_at: executedAt,
    duration_ms: Math.max(0, Date.parse(executedAt) - startedAt.getTime()),
  };
  return { ...body, receipt_hash: hashCanonical(body) };
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
