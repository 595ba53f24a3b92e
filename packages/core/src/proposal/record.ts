import type { ChangeSet, ProposalRecord, TrustedContext } from '../records/index.js';

/** The ledger row wrapping a freshly built change set (state from the change set's mode). */
export function buildProposalRecord(changeSet: ChangeSet, input: { dedupe_key: string; context: TrustedContext }): ProposalRecord {
  const shadow = changeSet.mode === 'shadow';
  return {
    proposal_id: changeSet.proposal_id,
    proposal_version: changeSet.proposal_version,
    proposal_hash: changeSet.integrity.proposal_hash,
    dedupe_key: input.dedupe_key,
    action: changeSet.action,
    mode: shadow ? 'shadow' : 'review',
    state: shadow ? 'shadow' : 'pending_review',
    tenant_id: input.context.tenant_id,
    principal: input.context.principal,
    provenance: input.context.provenance,
    object_type: changeSet.scope.object_type,
    object_id: changeSet.scope.object_id,
    source_kind: changeSet.source.kind,
    source_id: changeSet.source.source_id,
    source_schema: changeSet.source.schema,
    source_table: changeSet.source.table,
    executor: changeSet.writeback.executor,
    required_role: changeSet.approval.required_role,
    expires_at: changeSet.approval.expires_at,
    evidence_bundle_id: changeSet.evidence.bundle_id,
    change_set: changeSet,
    created_at: changeSet.created_at,
    updated_at: changeSet.created_at,
  };
}
