import { isSynapsorError } from '@synapsor/core';
import type { AdapterOutcome, ExecutionReceipt, ExecutorContext, SourceAdapter, WritebackExecutor, WritebackJob } from '@synapsor/core';
import { asDryRun, buildExecutionReceipt, failedOutcome, type AttemptOutcome } from './receipt.js';

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
  const result: AttemptOutcome = {
    status: outcome.status,
    rows_affected: outcome.rows_affected,
    previous_version: outcome.previous_version,
    new_version: outcome.new_version,
    source_database_mutated: outcome.source_database_mutated,
    safe_error_code: outcome.safe_error_code,
    details: {},
  };
  return dryRun ? asDryRun(result) : result;
}

/** `sql_update`: the adapter's guarded single-row UPDATE, turned into an execution receipt. */
export function createSqlUpdateExecutor(adapter: SourceAdapter, name = 'sql_update'): WritebackExecutor {
  return {
    type: 'sql_update',
    name,
    async apply(job: WritebackJob, context: ExecutorContext): Promise<ExecutionReceipt> {
      const startedAt = context.clock.now();
      let outcome: AttemptOutcome;
      try {
        outcome = fromAdapter(await adapter.applyGuardedUpdate(job, { dryRun: context.dryRun }), context.dryRun);
      } catch (error) {
        // Adapters throw SynapsorError with safe codes; anything else is never echoed.
        outcome = failedOutcome(isSynapsorError(error) ? error.code : 'TRANSACTION_FAILED');
      }
      return buildExecutionReceipt(job, context, outcome, startedAt);
    },
  };
}
