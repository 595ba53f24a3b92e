import type { ProposalDiff, ProposalView } from '../envelope/index.js';
import { PROPOSAL_NEXT, proposalTarget, proposalUri } from '../envelope/index.js';
import type { ChangeSet } from '../records/index.js';

/** `{column: {before, proposed}}` over the patch; `before` only for visible columns. */
export function proposalDiffOf(changeSet: ChangeSet, visibleColumns: readonly string[]): ProposalDiff {
  const diff: ProposalDiff = {};
  for (const [column, proposed] of Object.entries(changeSet.patch)) {
    diff[column] = visibleColumns.includes(column) ? { before: changeSet.before[column] ?? null, proposed } : { proposed };
  }
  return diff;
}

/** The model-facing `proposal` object of a v2 envelope (new or reused). */
export function proposalViewOf(changeSet: ChangeSet, visibleColumns: readonly string[], reused: boolean): ProposalView {
  return {
    id: changeSet.proposal_id,
    state: changeSet.mode === 'shadow' ? 'shadow_proposal_created' : 'review_required',
    reused,
    target: proposalTarget(changeSet.scope.object_type, changeSet.scope.object_id),
    diff: proposalDiffOf(changeSet, visibleColumns),
    approval_required: true,
    required_role: changeSet.approval.required_role,
    expires_at: changeSet.approval.expires_at,
    writeback: { mode: changeSet.writeback.mode, applied: false },
    resource: proposalUri(changeSet.proposal_id),
    next: PROPOSAL_NEXT,
  };
}
