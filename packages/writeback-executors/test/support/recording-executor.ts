import type { ExecutorContext, ExecutorType, WritebackExecutor, WritebackJob } from '@synapsor/core';
import { buildExecutionReceipt, type AttemptOutcome } from '../../src/executors/receipt.js';

/** An executor that records its calls and answers a scripted outcome. */
export function recordingExecutor(type: ExecutorType, name: string, outcome: Partial<AttemptOutcome> = {}) {
  const calls: Array<{ job: WritebackJob; dryRun: boolean }> = [];
  const executor: WritebackExecutor = {
    type,
    name,
    async apply(job: WritebackJob, context: ExecutorContext) {
      calls.push({ job, dryRun: context.dryRun });
      return buildExecutionReceipt(job, context, {
        status: 'applied',
        rows_affected: 1,
        previous_version: null,
        new_version: null,
        source_database_mutated: true,
        safe_error_code: null,
        details: {},
        ...outcome,
      }, context.clock.now());
    },
  };
  return { executor, calls };
}
