import type { DecideInput } from '../ports/ledger-store.js';
import type { ProposalRecord } from '../records/index.js';
import { changeSetIntact } from '../ledger/record-hashes.js';
import { isExpiryDue } from './expiry.js';
import { refuse, type Refusal } from './refusal.js';

export const REJECT_REASON_MAX_CHARS = 1000;

/** The change set's required role plus the current config's, if different (operator needs all). */
export function requiredRolesFor(proposal: ProposalRecord, configRequiredRole: string | null): string[] {
  const roles = [proposal.change_set.approval.required_role, configRequiredRole]
    .filter((role): role is string => typeof role === 'string' && role.trim() !== '')
    .map((role) => role.trim());
  return [...new Set(roles)];
}

function operatorRefusal(input: Pick<DecideInput, 'actor'>): Refusal {
  return input.actor.trim() === '' ? refuse('OPERATOR_REQUIRED', 'An operator id is required') : null;
}

/**
 * Approve checks of read-and-proposal.md, in the spec's order; the first failure wins.
 * The operator id is resolved before any of them, so an empty one is refused first.
 */
export function checkApprove(proposal: ProposalRecord | null, input: DecideInput, now: string): Refusal {
  const operator = operatorRefusal(input);
  if (operator) return operator;
  if (!proposal) return refuse('PROPOSAL_NOT_FOUND', 'Proposal not found');
  if (proposal.mode === 'shadow' || proposal.state === 'shadow') {
    return refuse('SHADOW_WRITEBACK_DISABLED', 'Shadow proposals cannot be approved');
  }
  if (input.config_mode === 'read_only') {
    return refuse('READ_ONLY_WRITEBACK_DISABLED', 'Approvals are disabled in read_only mode');
  }
  if (proposal.state === 'expired' || isExpiryDue(proposal, now)) {
    return refuse('PROPOSAL_EXPIRED', 'The proposal has expired');
  }
  if (proposal.state !== 'pending_review') {
    return refuse('PROPOSAL_NOT_PENDING_REVIEW', `The proposal is ${proposal.state}, not pending_review`);
  }
  if (!changeSetIntact(proposal.change_set, proposal.proposal_hash)) {
    return refuse('PROPOSAL_HASH_MISMATCH', 'The stored change set no longer matches its proposal hash');
  }
  if (input.expect_hash !== undefined && input.expect_hash !== proposal.proposal_hash) {
    return refuse('PROPOSAL_HASH_MISMATCH', 'The proposal hash differs from the one reviewed');
  }
  if (
    proposal.change_set.proposal_version !== proposal.proposal_version ||
    (input.expect_version !== undefined && input.expect_version !== proposal.proposal_version)
  ) {
    return refuse('PROPOSAL_VERSION_MISMATCH', 'The proposal version differs from the one reviewed');
  }
  if (input.actor.trim() === proposal.principal.trim()) {
    return refuse('SELF_APPROVAL_FORBIDDEN', 'The proposer cannot approve their own proposal');
  }
  const held = new Set(input.roles.map((role) => role.trim()));
  const missing = requiredRolesFor(proposal, input.config_required_role).filter((role) => !held.has(role));
  if (missing.length > 0) {
    return refuse('APPROVAL_ROLE_REQUIRED', `Approval requires role(s): ${missing.join(', ')}`);
  }
  return null;
}

/** Reject: from `pending_review` or `approved` only; a reason of 1..1000 characters; no role. */
export function checkReject(proposal: ProposalRecord | null, input: DecideInput, now: string): Refusal {
  const operator = operatorRefusal(input);
  if (operator) return operator;
  if (!proposal) return refuse('PROPOSAL_NOT_FOUND', 'Proposal not found');
  const rejectable = proposal.state === 'pending_review' || proposal.state === 'approved';
  if (!rejectable || isExpiryDue(proposal, now)) {
    const state = rejectable ? 'expired' : proposal.state;
    return refuse('PROPOSAL_NOT_REJECTABLE', `A ${state} proposal cannot be rejected`);
  }
  const reason = input.reason?.trim() ?? '';
  if (reason === '' || [...reason].length > REJECT_REASON_MAX_CHARS) {
    return refuse('REJECT_REASON_REQUIRED', `A reject reason of 1..${REJECT_REASON_MAX_CHARS} characters is required`);
  }
  return null;
}

export function checkDecision(proposal: ProposalRecord | null, input: DecideInput, now: string): Refusal {
  return input.decision === 'approved' ? checkApprove(proposal, input, now) : checkReject(proposal, input, now);
}
