import type { ChangeSet, JsonObject, Row, TrustedContext } from '../records/index.js';
import { evidenceUri, proposalUri, replayUri } from './refs.js';
import type { EnvelopeError, ProposalDiff } from './types.js';

/** Legacy read result (`result_format: 1`). */
export function legacyReadEnvelope(input: {
  action: string;
  mode: string;
  table: string;
  objectId: string;
  row: Row;
  context: TrustedContext;
  evidenceBundleId: string;
}): JsonObject {
  return {
    status: 'ok',
    action: input.action,
    mode: input.mode,
    business_object: { type: input.table, id: input.objectId },
    data: { row: input.row },
    trusted_context: {
      tenant_id: input.context.tenant_id,
      principal: input.context.principal,
      provenance: input.context.provenance,
    },
    evidence_bundle_id: input.evidenceBundleId,
    evidence_resource: evidenceUri(input.evidenceBundleId),
    source_database_changed: false,
    source_database_mutated: false,
  };
}

/** Legacy proposal result, built from the stored change set (new or reused). */
export function legacyProposalEnvelope(input: {
  changeSet: ChangeSet;
  diff: ProposalDiff;
  evidenceBundleId: string;
}): JsonObject {
  const cs = input.changeSet;
  return {
    status: cs.mode === 'shadow' ? 'shadow_proposal_created' : 'review_required',
    action: cs.action,
    proposal_id: cs.proposal_id,
    proposal_version: cs.proposal_version,
    proposal_hash: cs.integrity.proposal_hash,
    target: { type: cs.scope.object_type, id: cs.scope.object_id, tenant_id: cs.scope.tenant_id },
    diff: input.diff as JsonObject,
    evidence_bundle_id: input.evidenceBundleId,
    evidence_resource: evidenceUri(input.evidenceBundleId),
    proposal_resource: proposalUri(cs.proposal_id),
    replay_resource: replayUri(cs.proposal_id),
    approval_required: true,
    writeback: { status: cs.writeback.status, mode: cs.writeback.mode, executor: cs.writeback.executor },
    source_database_changed: false,
    source_database_mutated: false,
  };
}

/** Legacy error body; the transport marks it `isError: true`. */
export function legacyErrorEnvelope(error: EnvelopeError): JsonObject {
  return { ok: false, code: error.code, error: error.message };
}
