import type { ProposalRecord } from '../../records/index.js';
import { isExpiryDue } from '../../approval/expiry.js';
import type { LedgerTx } from '../tx.js';
import { appendChained } from './append.js';
import { transition } from './transition.js';

/**
 * Expiry on touch: a due `pending_review` / `approved` proposal becomes `expired` with event
 * `proposal_expired` (actor `runner`). Returns the proposal as it now is.
 */
export function touchExpiry(tx: LedgerTx, proposal: ProposalRecord, now: string): ProposalRecord {
  if (!isExpiryDue(proposal, now)) return proposal;
  const expired = transition(tx, proposal, 'expired', now);
  appendChained(tx, {
    event_id: tx.newEventId(),
    proposal_id: proposal.proposal_id,
    kind: 'proposal_expired',
    actor: 'runner',
    payload: { expires_at: proposal.expires_at },
    created_at: now,
  });
  return expired;
}

export function touchProposalOp(tx: LedgerTx, proposalId: string, now: string): ProposalRecord | null {
  const proposal = tx.proposal(proposalId);
  return proposal ? touchExpiry(tx, proposal, now) : null;
}

export function expireDueOp(tx: LedgerTx, now: string): number {
  let expired = 0;
  for (const proposalId of tx.dueProposalIds(now)) {
    const proposal = tx.proposal(proposalId);
    if (proposal && touchExpiry(tx, proposal, now) !== proposal) expired += 1;
  }
  return expired;
}
