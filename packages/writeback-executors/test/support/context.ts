import { randomBytes } from 'node:crypto';
import type { ExecutorContext, ProposalRecord, WritebackJob } from '@synapsor/core';
import { buildWritebackJob } from '../../src/apply/job.js';
import { makeApproval, makeProposal } from './fixtures.js';

/** A job + executor context for one proposal, as `apply` would build them. */
export function jobAndContext(options: { proposal?: ProposalRecord; type?: 'sql_update' | 'http_handler' | 'command_handler'; name?: string; dryRun?: boolean; env?: Record<string, string | undefined>; attempt?: number } = {}) {
  const type = options.type ?? 'http_handler';
  const name = options.name ?? 'billing_api';
  const proposal = options.proposal ?? makeProposal({ action: 'billing.propose_waiver_via_api', executor: name });
  const random = (bytes: number) => new Uint8Array(randomBytes(bytes));
  const job: WritebackJob = buildWritebackJob({
    proposal,
    engine: 'postgres',
    executor: { name, type },
    bump: null,
    attempt: options.attempt ?? 1,
    leaseSeconds: 300,
    holder: { hostname: 'h', pid: 1 },
    now: new Date(),
    random,
  });
  const context: ExecutorContext = {
    proposal,
    changeSet: proposal.change_set,
    approval: makeApproval(proposal),
    runnerId: 'local_runner',
    dryRun: options.dryRun ?? false,
    env: options.env ?? {},
    clock: { now: () => new Date() },
    random,
  };
  return { proposal, job, context };
}
