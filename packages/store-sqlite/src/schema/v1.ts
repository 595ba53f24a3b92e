/** Schema version 1: every entity of ledger.md; each search column indexed with its time column. */
const index = (table: string, time: string, columns: string[]) =>
  columns.map((c) => `CREATE INDEX ${table}_${c}_idx ON ${table}(${c}, ${time});`).join('\n');

export const SCHEMA_V1 = `
CREATE TABLE proposals (
  proposal_id TEXT PRIMARY KEY, proposal_version INTEGER NOT NULL, proposal_hash TEXT NOT NULL,
  dedupe_key TEXT NOT NULL, action TEXT NOT NULL, mode TEXT NOT NULL, state TEXT NOT NULL,
  tenant_id TEXT NOT NULL, principal TEXT NOT NULL, provenance TEXT NOT NULL,
  object_type TEXT NOT NULL, object_id TEXT NOT NULL, source_kind TEXT NOT NULL, source_id TEXT NOT NULL,
  source_schema TEXT NOT NULL, source_table TEXT NOT NULL, executor TEXT NOT NULL, required_role TEXT,
  expires_at TEXT, evidence_bundle_id TEXT NOT NULL, change_set_json TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX proposals_dedupe_waiting ON proposals(dedupe_key) WHERE state IN ('pending_review', 'shadow');
CREATE INDEX proposals_created_idx ON proposals(created_at);
CREATE INDEX proposals_due_idx ON proposals(state, expires_at);
${index('proposals', 'created_at', ['tenant_id', 'principal', 'action', 'source_id', 'object_type', 'object_id', 'evidence_bundle_id'])}

CREATE TABLE proposal_events (
  seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, proposal_id TEXT, kind TEXT NOT NULL, actor TEXT,
  payload_json TEXT, created_at TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  pruned INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX proposal_events_proposal_idx ON proposal_events(proposal_id, seq);
CREATE INDEX proposal_events_kind_idx ON proposal_events(kind, created_at);
CREATE INDEX proposal_events_actor_idx ON proposal_events(actor, created_at);
CREATE INDEX proposal_events_created_idx ON proposal_events(created_at);
-- Append-only: no DELETE; the only UPDATE allowed turns a live event into its tombstone.
CREATE TRIGGER proposal_events_no_delete BEFORE DELETE ON proposal_events
BEGIN SELECT RAISE(ABORT, 'proposal_events is append-only'); END;
CREATE TRIGGER proposal_events_tombstone_only BEFORE UPDATE ON proposal_events
WHEN NOT (OLD.pruned = 0 AND NEW.pruned = 1 AND NEW.payload_json IS NULL AND NEW.actor IS NULL
  AND NEW.proposal_id IS NULL AND NEW.seq = OLD.seq AND NEW.event_id = OLD.event_id AND NEW.kind = OLD.kind
  AND NEW.created_at = OLD.created_at AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash)
BEGIN SELECT RAISE(ABORT, 'proposal_events is append-only'); END;

CREATE TABLE approvals (
  approval_id TEXT PRIMARY KEY,
  proposal_id TEXT NOT NULL REFERENCES proposals(proposal_id) ON DELETE CASCADE,
  proposal_version INTEGER NOT NULL, proposal_hash TEXT NOT NULL, decision TEXT NOT NULL, actor TEXT NOT NULL,
  actor_source TEXT NOT NULL, roles_json TEXT NOT NULL, required_roles_json TEXT NOT NULL, reason TEXT,
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX approvals_proposal_idx ON approvals(proposal_id, decided_at);
CREATE INDEX approvals_actor_idx ON approvals(actor, decided_at);

CREATE TABLE evidence_bundles (
  evidence_bundle_id TEXT PRIMARY KEY, kind TEXT NOT NULL, proposal_id TEXT, capability TEXT NOT NULL,
  tenant_id TEXT NOT NULL, principal TEXT NOT NULL, provenance TEXT NOT NULL, source_id TEXT NOT NULL,
  source_table TEXT NOT NULL, target TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL,
  query_fingerprint TEXT NOT NULL, query_audit_id TEXT NOT NULL, payload_json TEXT NOT NULL,
  content_hash TEXT NOT NULL, created_at TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_bundles_created_idx ON evidence_bundles(created_at);
CREATE INDEX evidence_bundles_unlinked_idx ON evidence_bundles(created_at) WHERE proposal_id IS NULL;
${index('evidence_bundles', 'created_at', ['tenant_id', 'principal', 'capability', 'source_id', 'source_table', 'target', 'object_type', 'object_id', 'query_fingerprint', 'proposal_id', 'query_audit_id'])}

CREATE TABLE evidence_items (
  evidence_bundle_id TEXT NOT NULL REFERENCES evidence_bundles(evidence_bundle_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL, kind TEXT NOT NULL, item_json TEXT NOT NULL,
  PRIMARY KEY (evidence_bundle_id, ordinal)
) STRICT;

CREATE TABLE query_audit (
  query_audit_id TEXT PRIMARY KEY, evidence_bundle_id TEXT, proposal_id TEXT, capability TEXT NOT NULL,
  kind TEXT NOT NULL, tenant_id TEXT NOT NULL, principal TEXT NOT NULL, source_id TEXT NOT NULL,
  engine TEXT NOT NULL, table_name TEXT NOT NULL, table_bare TEXT NOT NULL, business_object TEXT NOT NULL,
  object_id TEXT NOT NULL, query_fingerprint TEXT NOT NULL, statement_template TEXT NOT NULL,
  columns_json TEXT NOT NULL, tenant_bound INTEGER NOT NULL, row_count INTEGER NOT NULL, outcome TEXT NOT NULL,
  error_code TEXT, duration_ms REAL NOT NULL, content_hash TEXT NOT NULL, created_at TEXT NOT NULL
) STRICT;
CREATE INDEX query_audit_created_idx ON query_audit(created_at);
CREATE INDEX query_audit_unlinked_not_found_idx ON query_audit(created_at)
  WHERE proposal_id IS NULL AND outcome = 'not_found';
${index('query_audit', 'created_at', ['tenant_id', 'principal', 'capability', 'source_id', 'table_name', 'table_bare', 'business_object', 'object_id', 'query_fingerprint', 'proposal_id', 'evidence_bundle_id', 'outcome'])}

CREATE TABLE writeback_jobs (
  writeback_job_id TEXT PRIMARY KEY,
  proposal_id TEXT NOT NULL UNIQUE REFERENCES proposals(proposal_id) ON DELETE CASCADE,
  executor_name TEXT NOT NULL, executor_type TEXT NOT NULL, attempt INTEGER NOT NULL, status TEXT NOT NULL,
  lease_id TEXT NOT NULL, lease_expires_at TEXT NOT NULL, job_json TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE receipts (
  receipt_id TEXT PRIMARY KEY,
  writeback_job_id TEXT NOT NULL REFERENCES writeback_jobs(writeback_job_id) ON DELETE CASCADE,
  proposal_id TEXT NOT NULL, attempt INTEGER NOT NULL, status TEXT NOT NULL, idempotency_key TEXT NOT NULL,
  safe_error_code TEXT, source_database_mutated INTEGER NOT NULL, receipt_json TEXT NOT NULL,
  receipt_hash TEXT NOT NULL, executed_at TEXT NOT NULL,
  UNIQUE (writeback_job_id, attempt)
) STRICT;
CREATE INDEX receipts_executed_idx ON receipts(executed_at);
${index('receipts', 'executed_at', ['proposal_id', 'status', 'idempotency_key', 'writeback_job_id'])}

CREATE TABLE replay_records (
  replay_id TEXT PRIMARY KEY, subject_id TEXT NOT NULL, payload_json TEXT NOT NULL,
  generated_at TEXT NOT NULL, last_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX replay_records_subject_idx ON replay_records(subject_id, generated_at);

CREATE TABLE runner_state (key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
`;
