import type { ExecutorType, LedgerStore, ProposalRecord, RunnerConfig } from '@synapsor/core';
import type { EnvMap } from '../executors/settings.js';
import { validatedConfig } from './config-check.js';
import {
  checkAllowlist,
  checkCapabilityMatches,
  checkConflictGuard,
  checkIdentifiers,
  findCapability,
} from './preflight-capability.js';
import { checkExecutorEnv } from './preflight-env.js';
import { checkApprovalStillValid, checkClaimableState, checkIntegrity, checkNotExpired, loadProposal } from './preflight-proposal.js';
import { PreflightRefusal } from './refusal.js';
import type { ApplyCheck, VerifiedApply } from './types.js';

export interface PreflightInput {
  proposalId: string;
  config: unknown;
  store: LedgerStore;
  env: EnvMap;
  retry: boolean;
  allowSharedCredential: boolean;
  now: Date;
  host: { hostname: string; isPidAlive: (pid: number) => boolean };
}

export type PreflightResult =
  | { kind: 'already_applied'; proposal: ProposalRecord }
  | { kind: 'ready'; verified: VerifiedApply & { executorType: ExecutorType } };

/** Runs one numbered check, recording pass/fail; a refusal propagates to the orchestration. */
export async function step<T>(checks: ApplyCheck[], id: number, name: string, run: () => T | Promise<T>): Promise<T> {
  try {
    const value = await run();
    checks.push({ id, name, status: 'pass', code: null });
    return value;
  } catch (error) {
    if (error instanceof PreflightRefusal) checks.push({ id, name, status: 'fail', code: error.code });
    throw error;
  }
}

/**
 * Checks 1–12 of writeback.md, in order, reading only the ledger: no source or network I/O
 * happens before all of them pass.
 */
export async function runPreflight(input: PreflightInput, checks: ApplyCheck[]): Promise<PreflightResult> {
  const config: RunnerConfig = await step(checks, 1, 'config', () => validatedConfig(input.config));
  const proposal = await step(checks, 2, 'proposal', () => loadProposal(input.store, input.proposalId));
  if (proposal.state === 'applied') return { kind: 'already_applied', proposal };
  checks.push({ id: 3, name: 'not_applied', status: 'pass', code: null });
  const previousJob = await input.store.getJob(proposal.proposal_id);
  await step(checks, 4, 'state', () =>
    checkClaimableState({ proposal, previousJob, retry: input.retry, now: input.now, host: input.host }),
  );
  await step(checks, 5, 'expiry', () => checkNotExpired(proposal, input.now));
  const approval = await step(checks, 6, 'integrity', () => checkIntegrity(input.store, proposal));
  await step(checks, 7, 'approval', () =>
    checkApprovalStillValid(proposal, approval, findCapability(config, proposal.action)),
  );
  const { capability, executorType } = await step(checks, 8, 'capability', () => checkCapabilityMatches(config, proposal));
  await step(checks, 9, 'allowlist', () => checkAllowlist(capability, proposal.change_set));
  await step(checks, 10, 'conflict_guard', () => checkConflictGuard(capability, proposal.change_set));
  await step(checks, 11, 'identifiers', () => checkIdentifiers(proposal.change_set));
  const executorName = capability.executor ?? 'sql_update';
  await step(checks, 12, 'executor_env', () =>
    checkExecutorEnv({ config, capability, executorName, executorType, env: input.env, allowSharedCredential: input.allowSharedCredential }),
  );
  return { kind: 'ready', verified: { config, proposal, approval, capability, executorName, executorType, previousJob } };
}
