import {
  listLimit,
  type EvidenceBundle,
  type ExecutionReceipt,
  type LedgerEvent,
  type LedgerFilter,
  type ProposalRecord,
  type QueryAuditRecord,
} from '@synapsor/core';
import { auditFromRow, eventFromRow, proposalFromRow } from './rows.js';
import type { SqliteReads } from './sqlite-reads.js';
import type { Statements } from './statements.js';
import { Where } from './where.js';

const RECEIPT_PROPOSAL = 'SELECT proposal_id FROM receipts WHERE receipt_id = ?';
const EVIDENCE_PROPOSAL = 'SELECT proposal_id FROM evidence_bundles WHERE evidence_bundle_id = ?';
/** Evidence and audit name each other (checked on write): reach the audit by primary keys. */
const EVIDENCE_AUDIT = 'SELECT query_audit_id FROM evidence_bundles WHERE evidence_bundle_id = ?';

/** Scope filters that receipts and events take from their proposal. */
function proposalScope(w: Where, f: LedgerFilter, objects: boolean): void {
  const scope = new Where().eq('tenant_id', f.tenant).eq('principal', f.principal).eq('action', f.capability).eq('source_id', f.source);
  if (objects) scope.objectType('object_type', f.object_type).eq('object_id', f.object_id);
  if (scope.clauses.length > 0) w.add(`proposal_id IN (SELECT proposal_id FROM proposals ${scope.sql()})`, ...scope.params);
}

/**
 * Activity's not-found reads are rare among plain reads. Unfiltered, walk their partial index
 * (SQLite would otherwise pick `proposal_id IS NULL`, i.e. every plain read); filtered, the
 * conditions must not drive the index choice (`+`), so the filter's own index does.
 */
function notFoundOnly(w: Where): string {
  if (w.clauses.length === 0) {
    w.add("proposal_id IS NULL AND outcome = 'not_found'");
    return 'query_audit INDEXED BY query_audit_unlinked_not_found_idx';
  }
  w.add("+proposal_id IS NULL AND +outcome = 'not_found'");
  return 'query_audit';
}

/** ledger.md "Search" in SQL; the same semantics as core's match predicates (conformance suite). */
export class SqliteSearch {
  constructor(private readonly s: Statements, private readonly reads: SqliteReads) {}

  private page(table: string, w: Where, time: string, f: LedgerFilter): Record<string, unknown>[] {
    const sql = `SELECT * FROM ${table} ${w.sql()} ORDER BY ${time} DESC, rowid DESC LIMIT ?`;
    return this.s.all(sql, ...w.params, listLimit(f));
  }

  proposals(f: LedgerFilter = {}): ProposalRecord[] {
    const w = new Where().eq('tenant_id', f.tenant).eq('principal', f.principal).eq('action', f.capability)
      .eq('source_id', f.source).time('created_at', f).objectType('object_type', f.object_type).eq('object_id', f.object_id)
      .eq('proposal_id', f.proposal).eq('state', f.state);
    if (f.receipt !== undefined) w.add(`proposal_id IN (${RECEIPT_PROPOSAL})`, f.receipt);
    if (f.evidence !== undefined) w.add(`(evidence_bundle_id = ? OR proposal_id IN (${EVIDENCE_PROPOSAL}))`, f.evidence, f.evidence);
    return this.page('proposals', w, 'created_at', f).map(proposalFromRow);
  }

  evidence(f: LedgerFilter = {}, onlyUnlinked = false): EvidenceBundle[] {
    const w = new Where().eq('tenant_id', f.tenant).eq('principal', f.principal).eq('capability', f.capability)
      .eq('source_id', f.source).time('created_at', f).objectType('object_type', f.object_type).eq('object_id', f.object_id)
      .table('source_table', 'target', f.table).eq('query_fingerprint', f.query_fingerprint).eq('proposal_id', f.proposal)
      .eq('evidence_bundle_id', f.evidence);
    // Most bundles are plain reads, so `proposal_id IS NULL` must not pick the index (`+`): the
    // filter's own index does, or, unfiltered, the newest-first walk stops after LIMIT rows.
    if (onlyUnlinked) w.add('+proposal_id IS NULL');
    if (f.receipt !== undefined) w.add(`proposal_id IN (${RECEIPT_PROPOSAL})`, f.receipt);
    return this.page('evidence_bundles', w, 'created_at', f).map((row) => this.reads.evidenceRow(row));
  }

  queryAudit(f: LedgerFilter = {}, onlyUnlinkedNotFound = false): QueryAuditRecord[] {
    const w = new Where().eq('tenant_id', f.tenant).eq('principal', f.principal).eq('capability', f.capability)
      .eq('source_id', f.source).time('created_at', f).objectType('business_object', f.object_type).eq('object_id', f.object_id)
      .table('table_bare', 'table_name', f.table).eq('query_fingerprint', f.query_fingerprint).eq('proposal_id', f.proposal)
      .eq('object_id', f.primary_key);
    if (f.evidence !== undefined) w.add(`query_audit_id IN (${EVIDENCE_AUDIT}) AND evidence_bundle_id = ?`, f.evidence, f.evidence);
    if (f.receipt !== undefined) w.add(`proposal_id IN (${RECEIPT_PROPOSAL})`, f.receipt);
    return this.page(onlyUnlinkedNotFound ? notFoundOnly(w) : 'query_audit', w, 'created_at', f).map(auditFromRow);
  }

  receipts(f: LedgerFilter = {}): ExecutionReceipt[] {
    const w = new Where().time('executed_at', f).eq('proposal_id', f.proposal).eq('receipt_id', f.receipt)
      .eq('status', f.status).eq('writeback_job_id', f.writeback_job).eq('idempotency_key', f.idempotency_key);
    proposalScope(w, f, true);
    if (f.evidence !== undefined) w.add(`proposal_id IN (${EVIDENCE_PROPOSAL})`, f.evidence);
    return this.page('receipts', w, 'executed_at', f).map((row) => JSON.parse(row.receipt_json as string) as ExecutionReceipt);
  }

  /** Ascending `seq`: the first n after `since_seq` when given (paging), else the latest n. */
  events(f: LedgerFilter = {}): LedgerEvent[] {
    const w = new Where().time('created_at', f).eq('proposal_id', f.proposal).eq('kind', f.kind).eq('actor', f.actor);
    if (f.since_seq !== undefined) w.add('seq > ?', f.since_seq);
    proposalScope(w, f, false);
    const order = f.since_seq === undefined ? 'DESC' : 'ASC';
    // With a time window, `+seq` stops SQLite from walking the whole rowid order and filtering
    // it (a full scan for an old `--to`): the window is searched in an index, then sorted.
    const key = f.from === undefined && f.to === undefined ? 'seq' : '+seq';
    const rows = this.s.all(`SELECT * FROM proposal_events ${w.sql()} ORDER BY ${key} ${order} LIMIT ?`, ...w.params, listLimit(f));
    const events = rows.map(eventFromRow);
    return order === 'DESC' ? events.reverse() : events;
  }
}
