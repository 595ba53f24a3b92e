import type { VerifyResult } from '../ports/ledger-store.js';
import type { EvidenceBundle, ExecutionReceipt, ProposalRecord, QueryAuditRecord } from '../records/index.js';
import type { ChainReport } from './chain.js';
import { changeSetIntact, evidenceIntact, queryAuditIntact, receiptIntact } from './record-hashes.js';

export type RecordBreak = VerifyResult['record_breaks'][number];

export function proposalBreak(p: ProposalRecord): RecordBreak | null {
  return changeSetIntact(p.change_set, p.proposal_hash)
    ? null
    : { entity: 'proposal', id: p.proposal_id, reason: 'change set does not hash to proposal_hash' };
}

export function evidenceBreak(e: EvidenceBundle): RecordBreak | null {
  return evidenceIntact(e)
    ? null
    : { entity: 'evidence_bundle', id: e.evidence_bundle_id, reason: 'content_hash mismatch' };
}

export function queryAuditBreak(qa: QueryAuditRecord): RecordBreak | null {
  return queryAuditIntact(qa) ? null : { entity: 'query_audit', id: qa.query_audit_id, reason: 'content_hash mismatch' };
}

export function receiptBreak(r: ExecutionReceipt): RecordBreak | null {
  return receiptIntact(r) ? null : { entity: 'receipt', id: r.receipt_id, reason: 'receipt_hash mismatch' };
}

export function verifyResult(chain: ChainReport, breaks: RecordBreak[]): VerifyResult {
  return {
    ok: chain.first_break === null && breaks.length === 0,
    events: chain.events,
    tombstones: chain.tombstones,
    head: chain.head,
    first_break: chain.first_break,
    record_breaks: breaks,
  };
}
