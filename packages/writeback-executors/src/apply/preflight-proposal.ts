import { changeSetIntact, isPastExpiry, requiredRolesFor } from '@synapsor/core';
import type { ApprovalRecord, LedgerStore, ProposalCapabilityConfig, ProposalRecord, WritebackJob } from '@synapsor/core';
import { isLeaseStale } from './lease.js';
import { refuseWith } from './refusal.js';

/** Check 2: the proposal exists and is not a shadow proposal. */
export async function loadProposal(store: LedgerStore, proposalId: string): Promise<ProposalRecord> {
  const proposal = await store.getProposal(proposalId);
  if (!proposal) refuseWith('PROPOSAL_NOT_FOUND', 'Proposal not found');
  if (proposal.mode === 'shadow' || proposal.state === 'shadow') {
    refuseWith('SHADOW_WRITEBACK_DISABLED', 'Shadow proposals are never written back');
  }
  return proposal;
}

export interface StateCheckInput {
  proposal: ProposalRecord;
  previousJob: WritebackJob | null;
  retry: boolean;
  now: Date;
  host: { hostname: string; isPidAlive: (pid: number) => boolean };
}

/** Check 4: which states may be claimed. `conflict` is terminal; `failed` needs `--retry`. */
export function checkClaimableState({ proposal, previousJob, retry, now, host }: StateCheckInput): void {
  switch (proposal.state) {
    case 'approved':
      return;
    case 'pending_worker':
      if (previousJob && isLeaseStale(previousJob.lease, now, host)) return;
      return refuseWith('WRITEBACK_IN_PROGRESS', 'Another apply holds a live lease on this proposal');
    case 'failed':
      if (retry) return;
      return refuseWith('RETRY_REQUIRED', 'The last attempt failed; apply again with --retry');
    case 'expired':
      return refuseWith('PROPOSAL_EXPIRED', 'The proposal has expired');
    default:
      return refuseWith('PROPOSAL_NOT_APPROVED', `The proposal is ${proposal.state}, not approved`);
  }
}

/** Check 5: `approved` and `failed` proposals past `expires_at` are not applied (or retried). */
export function checkNotExpired(proposal: ProposalRecord, now: Date): void {
  if (proposal.state === 'pending_worker') return; // an attempt already under way finishes
  if (isPastExpiry(proposal.expires_at, now.toISOString())) {
    refuseWith('PROPOSAL_EXPIRED', 'The proposal has expired');
  }
}

/** Check 6: the change set is intact and the approval binds this very hash and version. */
export async function checkIntegrity(store: LedgerStore, proposal: ProposalRecord): Promise<ApprovalRecord> {
  if (!changeSetIntact(proposal.change_set, proposal.proposal_hash)) {
    refuseWith('PROPOSAL_HASH_MISMATCH', 'The stored change set no longer matches its proposal hash');
  }
  if (proposal.change_set.proposal_version !== proposal.proposal_version) {
    refuseWith('PROPOSAL_VERSION_MISMATCH', 'The change set version differs from the proposal version');
  }
  const approvals = await store.listApprovals(proposal.proposal_id);
  const approval = approvals.filter((record) => record.decision === 'approved').at(-1);
  if (!approval) refuseWith('PROPOSAL_NOT_APPROVED', 'The proposal has no approval record');
  if (approval.proposal_hash !== proposal.proposal_hash) {
    refuseWith('PROPOSAL_HASH_MISMATCH', 'The approval was given for a different proposal hash');
  }
  if (approval.proposal_version !== proposal.proposal_version) {
    refuseWith('PROPOSAL_VERSION_MISMATCH', 'The approval was given for a different proposal version');
  }
  return approval;
}

/** Check 7: the approval still holds under the current config's role requirement. */
export function checkApprovalStillValid(
  proposal: ProposalRecord,
  approval: ApprovalRecord,
  capability: ProposalCapabilityConfig | undefined,
): void {
  if (approval.actor.trim() === proposal.principal.trim()) {
    refuseWith('SELF_APPROVAL_FORBIDDEN', 'The proposer approved their own proposal');
  }
  const held = new Set(approval.roles.map((role) => role.trim()));
  const missing = requiredRolesFor(proposal, capability?.approval?.required_role ?? null).filter((role) => !held.has(role));
  if (missing.length > 0) {
    refuseWith('APPROVAL_ROLE_REQUIRED', `The approver lacks the required role(s): ${missing.join(', ')}`);
  }
}
