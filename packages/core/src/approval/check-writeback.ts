import type { ClaimInput, RecordReceiptInput } from '../ports/ledger-store.js';
import type { ProposalRecord, ProposalState, ReceiptStatus, WritebackJob } from '../records/index.js';
import { receiptIntact } from '../ledger/record-hashes.js';
import { isExpiryDue, isPastExpiry } from './expiry.js';
import { refuse, type Refusal } from './refusal.js';
import { canTransition } from './transitions.js';

const CLAIM_STATE_CODES: Partial<Record<ProposalState, string>> = {
  pending_worker: 'WRITEBACK_IN_PROGRESS',
  failed: 'RETRY_REQUIRED',
  expired: 'PROPOSAL_EXPIRED',
};

/** The state a receipt status moves a `pending_worker` proposal to. */
export const RECEIPT_NEXT_STATE: Readonly<Record<ReceiptStatus, 'applied' | 'conflict' | 'failed'>> = {
  applied: 'applied',
  already_applied: 'applied',
  conflict: 'conflict',
  failed: 'failed',
};

function jobMismatch(proposal: ProposalRecord, job: WritebackJob, previous: WritebackJob | null): Refusal {
  const sameProposal =
    job.proposal_id === proposal.proposal_id &&
    job.proposal_hash === proposal.proposal_hash &&
    job.proposal_version === proposal.proposal_version;
  const sameJob =
    previous === null ||
    (previous.writeback_job_id === job.writeback_job_id && previous.idempotency_key === job.idempotency_key);
  return sameProposal && sameJob ? null : refuse('JOB_MISMATCH', 'The job does not match the stored proposal');
}

/**
 * Claim (writeback.md): compare-and-set to `pending_worker` from the states the caller verified,
 * attempt = previous + 1. A concurrent loser sees a changed state or attempt and gets
 * `WRITEBACK_IN_PROGRESS`, never a second claim.
 */
export function checkClaim(
  proposal: ProposalRecord | null,
  input: ClaimInput,
  previous: WritebackJob | null,
): Refusal {
  if (!proposal) return refuse('PROPOSAL_NOT_FOUND', 'Proposal not found');
  if (proposal.mode === 'shadow' || proposal.state === 'shadow') {
    return refuse('SHADOW_WRITEBACK_DISABLED', 'Shadow proposals are never written back');
  }
  if (!input.from_states.includes(proposal.state) || !canTransition(proposal.state, 'pending_worker')) {
    const code = CLAIM_STATE_CODES[proposal.state] ?? 'PROPOSAL_NOT_APPROVED';
    return refuse(code, `The proposal is ${proposal.state}`);
  }
  const expired =
    isExpiryDue(proposal, input.now) || (proposal.state === 'failed' && isPastExpiry(proposal.expires_at, input.now));
  if (expired) return refuse('PROPOSAL_EXPIRED', 'The proposal has expired');
  const mismatch = jobMismatch(proposal, input.job, previous);
  if (mismatch) return mismatch;
  const expectedAttempt = (previous?.attempt ?? 0) + 1;
  if (input.job.attempt !== expectedAttempt) {
    return refuse('WRITEBACK_IN_PROGRESS', `Attempt ${input.job.attempt} is stale; next attempt is ${expectedAttempt}`);
  }
  return null;
}

/** A receipt closes the claimed attempt: the state must still be `pending_worker` for that job. */
export function checkReceipt(
  proposal: ProposalRecord | null,
  input: RecordReceiptInput,
  job: WritebackJob | null,
): Refusal {
  const { receipt } = input;
  if (!proposal) return refuse('PROPOSAL_NOT_FOUND', 'Proposal not found');
  if (proposal.state !== 'pending_worker') {
    return refuse('WRITEBACK_NOT_CLAIMED', `The proposal is ${proposal.state}, not pending_worker`);
  }
  if (
    !job ||
    receipt.proposal_id !== proposal.proposal_id ||
    receipt.writeback_job_id !== job.writeback_job_id ||
    receipt.attempt !== job.attempt ||
    receipt.idempotency_key !== job.idempotency_key
  ) {
    return refuse('RECEIPT_JOB_MISMATCH', 'The receipt does not belong to the claimed attempt');
  }
  if (RECEIPT_NEXT_STATE[receipt.status] !== input.new_state) {
    return refuse('RECEIPT_STATE_MISMATCH', `A ${receipt.status} receipt cannot move the proposal to ${input.new_state}`);
  }
  if (!receiptIntact(receipt)) {
    return refuse('RECEIPT_HASH_MISMATCH', 'The receipt does not hash to its receipt_hash');
  }
  return null;
}
