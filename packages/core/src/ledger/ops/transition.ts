import { assertTransition } from '../../approval/transitions.js';
import { SynapsorError } from '../../errors/index.js';
import type { ProposalRecord, ProposalState } from '../../records/index.js';
import type { LedgerTx } from '../tx.js';

/**
 * Every state change goes through here: the state machine must allow it, and the write is a
 * compare-and-set on the state read in this same transaction.
 */
export function transition(tx: LedgerTx, proposal: ProposalRecord, to: ProposalState, now: string): ProposalRecord {
  assertTransition(proposal.state, to);
  if (!tx.setProposalState(proposal.proposal_id, proposal.state, to, now)) {
    throw new SynapsorError('PROPOSAL_STATE_CHANGED', 'The proposal changed state concurrently; reload and retry');
  }
  return { ...proposal, state: to, updated_at: now };
}
