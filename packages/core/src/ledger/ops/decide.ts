import { checkDecision, requiredRolesFor } from '../../approval/check-decision.js';
import type { DecideInput } from '../../ports/ledger-store.js';
import type { ApprovalRecord, ProposalRecord } from '../../records/index.js';
import type { LedgerTx } from '../tx.js';
import { assertStoredIds, scanForSecrets } from '../validate.js';
import { appendChained } from './append.js';
import { touchExpiry } from './expire.js';
import type { OpOutcome } from './outcome.js';
import { transition } from './transition.js';

export interface DecideResult {
  approval: ApprovalRecord;
  proposal: ProposalRecord;
}

function approvalRecord(proposal: ProposalRecord, input: DecideInput): ApprovalRecord {
  return {
    approval_id: input.approval_id,
    proposal_id: proposal.proposal_id,
    proposal_version: proposal.proposal_version,
    proposal_hash: proposal.proposal_hash,
    decision: input.decision,
    actor: input.actor.trim(),
    actor_source: input.actor_source,
    roles: input.roles.map((role) => role.trim()),
    required_roles: requiredRolesFor(proposal, input.config_required_role),
    reason: input.reason === null ? null : input.reason.trim(),
    decided_at: input.now,
  };
}

/**
 * Approve / reject: rules from core/approval, then approval row + state CAS + event in the
 * caller's transaction. A due proposal is expired (persisted) and the decision refused.
 */
export function decideOp(tx: LedgerTx, input: DecideInput): OpOutcome<DecideResult> {
  assertStoredIds({ proposal_id: input.proposal_id, approval_id: input.approval_id, event_id: input.event_id });
  const found = tx.proposal(input.proposal_id);
  const refusal = checkDecision(found, input, input.now);
  const current = found ? touchExpiry(tx, found, input.now) : null;
  if (refusal) return { ok: false, error: refusal };
  const proposal = current!;
  const approval = approvalRecord(proposal, input);
  const event = {
    event_id: input.event_id,
    proposal_id: proposal.proposal_id,
    kind: input.decision === 'approved' ? ('proposal_approved' as const) : ('proposal_rejected' as const),
    actor: approval.actor,
    payload: {
      approval_id: approval.approval_id,
      proposal_hash: approval.proposal_hash,
      proposal_version: approval.proposal_version,
      roles: approval.roles,
      reason: approval.reason,
    },
    created_at: input.now,
  };
  scanForSecrets({ approval, event });
  const decided = transition(tx, proposal, input.decision, input.now);
  tx.insertApproval(approval);
  appendChained(tx, event);
  return { ok: true, value: { approval, proposal: decided } };
}
