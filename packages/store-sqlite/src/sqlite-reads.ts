import { EMPTY_HEAD, type ChainHead, type LedgerReadTx } from '@synapsor/core';
import type {
  ApprovalRecord,
  EvidenceBundle,
  EvidenceItem,
  ExecutionReceipt,
  LedgerEvent,
  ProposalRecord,
  QueryAuditRecord,
  WritebackJob,
} from '@synapsor/core';
import { approvalFromRow, auditFromRow, eventFromRow, evidenceFromRow, proposalFromRow, type Row } from './rows.js';
import type { Statements } from './statements.js';

/** The read half of the SQLite `LedgerTx`: single-row and per-proposal lookups. */
export class SqliteReads implements LedgerReadTx {
  constructor(protected readonly s: Statements) {}

  proposal(id: string): ProposalRecord | null {
    const row = this.s.one('SELECT * FROM proposals WHERE proposal_id = ?', id);
    return row ? proposalFromRow(row) : null;
  }

  latestProposalId(): string | null {
    return this.s.value<string>('SELECT proposal_id FROM proposals ORDER BY created_at DESC, rowid DESC LIMIT 1') ?? null;
  }

  items(evidenceBundleId: string): EvidenceItem[] {
    const rows = this.s.all<{ item_json: string }>(
      'SELECT item_json FROM evidence_items WHERE evidence_bundle_id = ? ORDER BY ordinal', evidenceBundleId);
    return rows.map((r) => JSON.parse(r.item_json) as EvidenceItem);
  }

  evidenceRow(row: Row): EvidenceBundle {
    return evidenceFromRow(row, this.items(row.evidence_bundle_id as string));
  }

  evidence(id: string): EvidenceBundle | null {
    const row = this.s.one('SELECT * FROM evidence_bundles WHERE evidence_bundle_id = ?', id);
    return row ? this.evidenceRow(row) : null;
  }

  queryAudit(id: string): QueryAuditRecord | null {
    const row = this.s.one('SELECT * FROM query_audit WHERE query_audit_id = ?', id);
    return row ? auditFromRow(row) : null;
  }

  evidenceForProposal(id: string): EvidenceBundle[] {
    return this.s.all('SELECT * FROM evidence_bundles WHERE proposal_id = ? ORDER BY created_at, rowid', id)
      .map((row) => this.evidenceRow(row));
  }

  queryAuditForProposal(id: string): QueryAuditRecord[] {
    return this.s.all('SELECT * FROM query_audit WHERE proposal_id = ? ORDER BY created_at, rowid', id).map(auditFromRow);
  }

  eventsForProposal(id: string): LedgerEvent[] {
    return this.s.all('SELECT * FROM proposal_events WHERE proposal_id = ? ORDER BY seq', id).map(eventFromRow);
  }

  /** The read's event has the read's timestamp: look there (indexed), then match the payload. */
  readEventFor(bundle: EvidenceBundle): LedgerEvent | null {
    const rows = this.s.all(
      "SELECT * FROM proposal_events WHERE kind = 'read_recorded' AND created_at = ? ORDER BY seq", bundle.created_at);
    const events = rows.map(eventFromRow);
    return events.find((e) => e.payload?.['evidence_bundle_id'] === bundle.evidence_bundle_id) ?? null;
  }

  eventBySeq(seq: number): LedgerEvent | null {
    const row = this.s.one('SELECT * FROM proposal_events WHERE seq = ?', seq);
    return row ? eventFromRow(row) : null;
  }

  approvals(id: string): ApprovalRecord[] {
    return this.s.all('SELECT * FROM approvals WHERE proposal_id = ? ORDER BY decided_at, rowid', id).map(approvalFromRow);
  }

  job(id: string): WritebackJob | null {
    const json = this.s.value<string>('SELECT job_json FROM writeback_jobs WHERE proposal_id = ?', id);
    return json ? (JSON.parse(json) as WritebackJob) : null;
  }

  receipts(id: string): ExecutionReceipt[] {
    return this.s.all<{ receipt_json: string }>('SELECT receipt_json FROM receipts WHERE proposal_id = ? ORDER BY attempt', id)
      .map((r) => JSON.parse(r.receipt_json) as ExecutionReceipt);
  }

  receipt(id: string): ExecutionReceipt | null {
    const json = this.s.value<string>('SELECT receipt_json FROM receipts WHERE receipt_id = ?', id);
    return json ? (JSON.parse(json) as ExecutionReceipt) : null;
  }

  head(): ChainHead {
    return this.s.one<ChainHead>('SELECT seq, hash FROM proposal_events ORDER BY seq DESC LIMIT 1') ?? EMPTY_HEAD;
  }
}
