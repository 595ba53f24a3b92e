import type {
  ApprovalRecord,
  EvidenceBundle,
  ExecutionReceipt,
  JsonValue,
  LedgerEvent,
  LedgerTx,
  ProposalRecord,
  ProposalState,
  PruneCounts,
  QueryAuditRecord,
  WritebackJob,
} from '@synapsor/core';
import { prune } from './prune.js';
import { approvalParams, auditParams, evidenceParams, eventParams, jobParams, proposalFromRow, proposalParams, receiptParams } from './rows.js';
import { SqliteReads } from './sqlite-reads.js';
import type { Statements } from './statements.js';

const cols = (names: string[]) => `(${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;

const PROPOSAL_COLUMNS = [
  'proposal_id', 'proposal_version', 'proposal_hash', 'dedupe_key', 'action', 'mode', 'state', 'tenant_id', 'principal',
  'provenance', 'object_type', 'object_id', 'source_kind', 'source_id', 'source_schema', 'source_table', 'executor',
  'required_role', 'expires_at', 'evidence_bundle_id', 'change_set_json', 'created_at', 'updated_at',
];
const EVIDENCE_COLUMNS = [
  'evidence_bundle_id', 'kind', 'proposal_id', 'capability', 'tenant_id', 'principal', 'provenance', 'source_id',
  'source_table', 'target', 'object_type', 'object_id', 'query_fingerprint', 'query_audit_id', 'payload_json',
  'content_hash', 'created_at',
];
const AUDIT_COLUMNS = [
  'query_audit_id', 'evidence_bundle_id', 'proposal_id', 'capability', 'kind', 'tenant_id', 'principal', 'source_id',
  'engine', 'table_name', 'table_bare', 'business_object', 'object_id', 'query_fingerprint', 'statement_template',
  'columns_json', 'tenant_bound', 'row_count', 'outcome', 'error_code', 'duration_ms', 'content_hash', 'created_at',
];
const EVENT_COLUMNS = ['seq', 'event_id', 'proposal_id', 'kind', 'actor', 'payload_json', 'created_at', 'prev_hash', 'hash', 'pruned'];
const APPROVAL_COLUMNS = [
  'approval_id', 'proposal_id', 'proposal_version', 'proposal_hash', 'decision', 'actor', 'actor_source', 'roles_json',
  'required_roles_json', 'reason', 'decided_at',
];
const RECEIPT_COLUMNS = [
  'receipt_id', 'writeback_job_id', 'proposal_id', 'attempt', 'status', 'idempotency_key', 'safe_error_code',
  'source_database_mutated', 'receipt_json', 'receipt_hash', 'executed_at',
];

export const SQL = {
  insertProposal: `INSERT INTO proposals ${cols(PROPOSAL_COLUMNS)}`,
  insertEvidence: `INSERT INTO evidence_bundles ${cols(EVIDENCE_COLUMNS)}`,
  insertItem: 'INSERT INTO evidence_items (evidence_bundle_id, ordinal, kind, item_json) VALUES (?, ?, ?, ?)',
  insertAudit: `INSERT INTO query_audit ${cols(AUDIT_COLUMNS)}`,
  insertEvent: `INSERT INTO proposal_events ${cols(EVENT_COLUMNS)}`,
  insertApproval: `INSERT INTO approvals ${cols(APPROVAL_COLUMNS)}`,
  insertReceipt: `INSERT INTO receipts ${cols(RECEIPT_COLUMNS)}`,
  saveJob: `INSERT INTO writeback_jobs (writeback_job_id, proposal_id, executor_name, executor_type, attempt, status,
      lease_id, lease_expires_at, job_json, created_at, updated_at)
    VALUES (@writeback_job_id, @proposal_id, @executor_name, @executor_type, @attempt, @status, @lease_id,
      @lease_expires_at, @job_json, @now, @now)
    ON CONFLICT (proposal_id) DO UPDATE SET attempt = excluded.attempt, status = excluded.status,
      lease_id = excluded.lease_id, lease_expires_at = excluded.lease_expires_at, job_json = excluded.job_json,
      updated_at = excluded.updated_at`,
};

/** `LedgerTx` on SQLite: core's ledger operations run against it inside `BEGIN IMMEDIATE`. */
export class SqliteTx extends SqliteReads implements LedgerTx {
  constructor(s: Statements, readonly newEventId: () => string) {
    super(s);
  }

  waitingByDedupe(key: string): ProposalRecord | null {
    const row = this.s.one("SELECT * FROM proposals WHERE dedupe_key = ? AND state IN ('pending_review', 'shadow')", key);
    return row ? proposalFromRow(row) : null;
  }

  /** ISO UTC timestamps compare as strings; core re-checks each candidate as an instant. */
  dueProposalIds(now: string): string[] {
    return this.s.get(
      "SELECT proposal_id FROM proposals WHERE state IN ('pending_review', 'approved') AND expires_at IS NOT NULL AND expires_at <= ?",
    ).pluck().all(now) as string[];
  }

  insertProposal(p: ProposalRecord): void {
    this.s.run(SQL.insertProposal, proposalParams(p));
  }

  setProposalState(id: string, from: ProposalState, to: ProposalState, now: string): boolean {
    return this.s.run('UPDATE proposals SET state = ?, updated_at = ? WHERE proposal_id = ? AND state = ?', to, now, id, from).changes === 1;
  }

  insertEvidence(bundle: EvidenceBundle): void {
    this.s.run(SQL.insertEvidence, evidenceParams(bundle));
    bundle.items.forEach((item, ordinal) =>
      this.s.run(SQL.insertItem, bundle.evidence_bundle_id, ordinal, item.kind, JSON.stringify(item)));
  }

  insertQueryAudit(audit: QueryAuditRecord): void {
    this.s.run(SQL.insertAudit, auditParams(audit));
  }

  insertEvent(event: LedgerEvent): void {
    this.s.run(SQL.insertEvent, eventParams(event));
  }

  insertApproval(approval: ApprovalRecord): void {
    this.s.run(SQL.insertApproval, approvalParams(approval));
  }

  saveJob(job: WritebackJob, status: 'claimed' | 'completed', now: string): void {
    this.s.run(SQL.saveJob, jobParams(job, status, now));
  }

  insertReceipt(receipt: ExecutionReceipt): void {
    this.s.run(SQL.insertReceipt, receiptParams(receipt));
  }

  setState(key: string, value: JsonValue, now: string): void {
    this.s.run(
      `INSERT INTO runner_state (key, value_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      key, JSON.stringify(value), now);
  }

  getState(key: string): JsonValue | null {
    const json = this.s.value<string>('SELECT value_json FROM runner_state WHERE key = ?', key);
    return json === undefined ? null : (JSON.parse(json) as JsonValue);
  }

  prune(cutoff: string, finalStates: readonly ProposalState[], apply: boolean): PruneCounts {
    return prune(this.s, cutoff, finalStates, apply);
  }
}
