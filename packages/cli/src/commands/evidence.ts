import { renderEvidenceMarkdown, type EvidenceBundle } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { LIST_FILTERS } from '../support/ledger-filters.js';
import { registerRecordGroup } from '../support/record-commands.js';

/** `evidence list|show|export`: what each read returned (ledger.md evidence bundles). */
export const registerEvidence: CommandGroup = (program, context) => {
  registerRecordGroup<EvidenceBundle>(program, context, {
    name: 'evidence',
    description: 'inspect evidence bundles (what each read returned)',
    noun: 'evidence bundle',
    jsonKey: 'evidence',
    filters: LIST_FILTERS.evidence,
    list: (store, filter) => store.listEvidence(filter),
    get: (store, id) => store.getEvidence(id),
    notFoundCode: 'EVIDENCE_NOT_FOUND',
    idOf: (record) => record.evidence_bundle_id,
    headers: ['created_at', 'evidence_bundle_id', 'capability', 'object', 'tenant', 'principal', 'proposal'],
    row: (e) => [e.created_at, e.evidence_bundle_id, e.capability, `${e.object_type}:${e.object_id}`, e.tenant_id, e.principal, e.proposal_id],
    markdown: renderEvidenceMarkdown,
    next: (e) => [
      `synapsor-runner query-audit show ${e.query_audit_id}`,
      `synapsor-runner replay ${e.proposal_id ?? e.evidence_bundle_id}`,
    ],
  });
};
