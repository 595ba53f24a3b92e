import { SynapsorError } from '../errors/index.js';
import type { ProposalState } from '../records/index.js';

/** read-and-proposal.md "States": the only moves a proposal's state may make. */
export const ALLOWED_TRANSITIONS: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  pending_review: ['approved', 'rejected', 'expired'],
  shadow: [],
  approved: ['pending_worker', 'rejected', 'expired'],
  rejected: [],
  expired: [],
  // pending_worker → pending_worker is crash recovery: a stale lease is re-claimed (attempt n+1).
  pending_worker: ['applied', 'conflict', 'failed', 'pending_worker'],
  applied: [],
  conflict: [],
  failed: ['pending_worker'],
};

export const PROPOSAL_STATES = Object.keys(ALLOWED_TRANSITIONS) as ProposalState[];

/** States with the unique dedupe index: a new identical proposal reuses one of these. */
export const WAITING_STATES: readonly ProposalState[] = ['pending_review', 'shadow'];

/** States that `expireDue` and expiry-on-touch move to `expired`. */
export const EXPIRABLE_STATES: readonly ProposalState[] = ['pending_review', 'approved'];

export function canTransition(from: ProposalState, to: ProposalState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isFinalState(state: ProposalState): boolean {
  return ALLOWED_TRANSITIONS[state].length === 0;
}

/** Throws `PROPOSAL_STATE_INVALID` for a move the state machine does not allow. */
export function assertTransition(from: ProposalState, to: ProposalState): void {
  if (!canTransition(from, to)) {
    throw new SynapsorError('PROPOSAL_STATE_INVALID', `A proposal cannot move from ${from} to ${to}`, {
      from,
      to,
    });
  }
}
