import { isSynapsorError } from '@synapsor/core';
import type { AdapterOutcome, ExecutorContext, SourceAdapter, WritebackExecutor, WritebackJob } from '@synapsor/core';
import { asDryRun, attemptOutcome, failedOutcome, receiptingExecutor, type AttemptOutcome } from './receipt.js';

function fromAdapter(outcome: AdapterOutcome, dryRun: boolean): AttemptOutcome {
  if (dryRun && outcome.dry_run) {
    return asDryRun({
      status: outcome.dry_run.would,
      rows_affected: 0,
      previous_version: outcome.previous_version,
      new_version: null,
      source_database_mutated: false,
      safe_error_code: outcome.dry_run.safe_error_code,
      details: {},
    });
  }
  const result = attemptOutcome(outcome);
  return dryRun ? asDryRun(result) : result;
}

/** `sql_update`: the adapter's guarded single-row UPDATE, turned into an execution receipt. */
export function createSqlUpdateExecutor(adapter: SourceAdapter, name = 'sql_update'): WritebackExecutor {
  return receiptingExecutor('sql_update', name, async (job: WritebackJob, context: ExecutorContext) => {
    try {
      return fromAdapter(await adapter.applyGuardedUpdate(job, { dryRun: context.dryRun }), context.dryRun);
    } catch (error) {
      // Adapters throw SynapsorError with safe codes; anything else is never echoed.
      return failedOutcome(isSynapsorError(error) ? error.code : 'TRANSACTION_FAILED');
    }
  });
}
