import { PROPOSAL_NEXT, proposalTarget } from '../envelope/index.js';
import { proposalDiffOf } from '../proposal/index.js';
import type {
  ApprovalRecord,
  EvidenceBundle,
  ExecutionReceipt,
  JsonObject,
  LedgerEvent,
  ProposalRecord,
  ProposalState,
} from '../records/index.js';

const NEXT_BY_STATE: Readonly<Record<ProposalState, string>> = {
  pending_review: PROPOSAL_NEXT,
  shadow: 'Shadow proposal: recorded for review only; it is never applied.',
  approved: 'Approved by a person; it is applied outside this tool.',
  pending_worker: 'Being applied outside this tool.',
  applied: 'Applied outside this tool.',
  rejected: 'Rejected by a person; nothing was changed.',
  expired: 'Expired without being applied; look the record up again before proposing again.',
  conflict: 'The record changed after this proposal; look it up again and propose again.',
  failed: 'Applying it failed; a person may retry outside this tool.',
};

/** Model-safe evidence: no guard values, row hashes or arguments. */
export function evidenceProjection(bundle: EvidenceBundle): JsonObject {
  const row = bundle.items.find((item) => item.kind === 'external_row');
  return {
    evidence_bundle_id: bundle.evidence_bundle_id,
    kind: bundle.kind,
    capability: bundle.capability,
    object_type: bundle.object_type,
    object_id: bundle.object_id,
    visible_row: row?.kind === 'external_row' ? row.visible_row : {},
    query_fingerprint: bundle.query_fingerprint,
    proposal_id: bundle.proposal_id,
    created_at: bundle.created_at,
  };
}

export function receiptProjection(receipt: ExecutionReceipt): JsonObject {
  return { status: receipt.status, executed_at: receipt.executed_at, safe_error_code: receipt.safe_error_code };
}

/** Decisions without approver identities or roles; a reason only for rejections. */
export function decisionProjection(approval: ApprovalRecord): JsonObject {
  const decision: JsonObject = { decision: approval.decision, decided_at: approval.decided_at };
  if (approval.decision === 'rejected') decision.reason = approval.reason;
  return decision;
}

/** Model-safe proposal: no guards, hashes, executor details or change-set internals. */
export function proposalProjection(
  proposal: ProposalRecord,
  visibleColumns: readonly string[],
  approvals: readonly ApprovalRecord[],
  receipts: readonly ExecutionReceipt[],
): JsonObject {
  return {
    proposal_id: proposal.proposal_id,
    state: proposal.state,
    action: proposal.action,
    target: proposalTarget(proposal.object_type, proposal.object_id),
    diff: proposalDiffOf(proposal.change_set, visibleColumns) as JsonObject,
    required_role: proposal.required_role,
    expires_at: proposal.expires_at,
    created_at: proposal.created_at,
    decisions: approvals.map(decisionProjection),
    receipts: receipts.map(receiptProjection),
    next: NEXT_BY_STATE[proposal.state],
  };
}

export function replayProjection(
  replayId: string,
  proposal: JsonObject | null,
  events: readonly LedgerEvent[],
  evidence: readonly EvidenceBundle[],
  receipts: readonly ExecutionReceipt[],
): JsonObject {
  return {
    replay_id: replayId,
    proposal,
    events: events.map((event) => ({ kind: event.kind, created_at: event.created_at })),
    evidence_ids: evidence.map((bundle) => bundle.evidence_bundle_id),
    receipts: receipts.map(receiptProjection),
  };
}
