import type { ApplyResult } from '@synapsor/writeback-executors';
import type { LedgerStore, RunnerConfig } from '@synapsor/core';
import { closeSourceAdapters, createSourceAdapters, type EnvMap } from './sources.js';

export interface ApplyRequest {
  config: RunnerConfig;
  store: LedgerStore;
  env: EnvMap;
  /** The proposal to apply; ignored when `jobFile` is given (the job names it). */
  proposalId: string;
  /** `apply --job`: the parsed job file; the ledger stays the authority (JOB_MISMATCH). */
  jobFile?: unknown;
  actor: string;
  runnerId?: string;
  dryRun?: boolean;
  retry?: boolean;
  allowSharedCredential?: boolean;
  leaseSeconds?: number;
}

/**
 * One `apply` of writeback-executors with adapters built from the config (the writer pool is
 * created on first use and closed here). Used by `apply` and the demo.
 */
export async function runApply(request: ApplyRequest): Promise<ApplyResult> {
  // Imported here, not at start-up: only apply and the demo need the executors (cold start).
  const { apply, applyJobFile } = await import('@synapsor/writeback-executors');
  const sources = await createSourceAdapters(request.config, request.env);
  try {
    const options = {
      config: request.config,
      store: request.store,
      sources,
      actor: request.actor,
      env: request.env,
      ...(request.runnerId ? { runnerId: request.runnerId } : {}),
      ...(request.dryRun ? { dryRun: true } : {}),
      ...(request.retry ? { retry: true } : {}),
      ...(request.allowSharedCredential ? { allowSharedCredential: true } : {}),
      ...(request.leaseSeconds !== undefined ? { leaseSeconds: request.leaseSeconds } : {}),
    };
    return request.jobFile !== undefined ? await applyJobFile(request.jobFile, options) : await apply(request.proposalId, options);
  } finally {
    await closeSourceAdapters(sources);
  }
}
