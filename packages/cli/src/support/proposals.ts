import { randomBytes } from 'node:crypto';
import {
  isoNow,
  newId,
  systemClock,
  type ApprovalRecord,
  type LedgerStore,
  type ProposalRecord,
  type RunnerConfig,
} from '@synapsor/core';
import { CliError } from './errors.js';
import type { Operator } from './operator.js';

const random = (bytes: number) => randomBytes(bytes);

/** Every proposal argument accepts `latest` (newest proposal in the store). */
export async function resolveProposalId(store: LedgerStore, id: string): Promise<string> {
  if (id !== 'latest') return id;
  const latest = await store.latestProposalId();
  if (!latest) throw new CliError('PROPOSAL_NOT_FOUND', 'the store holds no proposal yet');
  return latest;
}

/** Loads a proposal (expiry-on-touch happens in the store); unknown → exit 1 `PROPOSAL_NOT_FOUND`. */
export async function loadProposal(store: LedgerStore, id: string): Promise<ProposalRecord> {
  const proposalId = await resolveProposalId(store, id);
  const proposal = await store.getProposal(proposalId);
  if (!proposal) throw new CliError('PROPOSAL_NOT_FOUND', `proposal ${proposalId} not found`);
  return proposal;
}

/** The current config's required role for the proposal's action (it may differ from the change set's). */
export function configRequiredRole(config: RunnerConfig, action: string): string | null {
  const capability = config.capabilities.find((entry) => entry.name === action);
  return capability?.kind === 'proposal' ? (capability.approval?.required_role ?? null) : null;
}

export interface DecisionRequest {
  decision: ApprovalRecord['decision'];
  operator: Operator;
  reason: string | null;
  /** The hash the reviewer saw; the store refuses `PROPOSAL_HASH_MISMATCH` when it moved. */
  expectHash: string;
  expectVersion: number;
}

/**
 * Approve or reject through the store's `decide` (which runs the approval rules of
 * read-and-proposal.md in one transaction). Refusals surface as `SynapsorError`.
 */
export async function decideProposal(
  store: LedgerStore,
  config: RunnerConfig,
  proposal: ProposalRecord,
  request: DecisionRequest,
): Promise<{ approval: ApprovalRecord; proposal: ProposalRecord }> {
  return store.decide({
    proposal_id: proposal.proposal_id,
    decision: request.decision,
    actor: request.operator.actor,
    actor_source: request.operator.actor_source,
    roles: request.operator.roles,
    config_required_role: configRequiredRole(config, proposal.action),
    config_mode: config.mode,
    reason: request.reason,
    expect_hash: request.expectHash,
    expect_version: request.expectVersion,
    approval_id: newId('apr', random),
    event_id: newId('evt', random),
    now: isoNow(systemClock),
  });
}
