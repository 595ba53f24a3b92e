import { SynapsorError } from '../../errors/index.js';
import type { RecordReadInput } from '../../ports/ledger-store.js';
import type { EvidenceBundle, QueryAuditRecord } from '../../records/index.js';
import { evidenceIntact, queryAuditIntact } from '../record-hashes.js';
import type { LedgerTx } from '../tx.js';
import { assertEventKind, assertIntegrity, assertStoredIds, scanForSecrets } from '../validate.js';
import { appendChained } from './append.js';

/** Hashes and cross-links of one evidence bundle + its query audit, checked before writing. */
export function assertReadRecords(evidence: EvidenceBundle | null, audit: QueryAuditRecord): void {
  assertStoredIds({
    query_audit_id: audit.query_audit_id,
    evidence_bundle_id: evidence?.evidence_bundle_id,
    proposal_id: audit.proposal_id,
  });
  assertIntegrity(queryAuditIntact(audit), 'QUERY_AUDIT_HASH_MISMATCH', 'Query audit content_hash mismatch');
  if (evidence === null) {
    if (audit.evidence_bundle_id !== null) {
      throw new SynapsorError('LEDGER_LINK_MISMATCH', 'Query audit names an evidence bundle that is not written');
    }
    return;
  }
  assertIntegrity(evidenceIntact(evidence), 'EVIDENCE_HASH_MISMATCH', 'Evidence content_hash mismatch');
  const linked =
    evidence.query_audit_id === audit.query_audit_id &&
    audit.evidence_bundle_id === evidence.evidence_bundle_id &&
    audit.proposal_id === evidence.proposal_id;
  if (!linked) throw new SynapsorError('LEDGER_LINK_MISMATCH', 'Evidence and query audit do not link to each other');
}

export function writeReadRecords(tx: LedgerTx, evidence: EvidenceBundle | null, audit: QueryAuditRecord): void {
  if (evidence) tx.insertEvidence(evidence);
  tx.insertQueryAudit(audit);
}

/** A read's evidence + audit + `read_recorded` event: one transaction. */
export function recordReadOp(tx: LedgerTx, input: RecordReadInput): void {
  assertEventKind(input.event, ['read_recorded']);
  if (input.evidence?.proposal_id) {
    throw new SynapsorError('LEDGER_LINK_MISMATCH', 'A plain read cannot link to a proposal');
  }
  scanForSecrets({ evidence: input.evidence, query_audit: input.query_audit, event: input.event });
  assertReadRecords(input.evidence, input.query_audit);
  writeReadRecords(tx, input.evidence, input.query_audit);
  appendChained(tx, input.event);
}
