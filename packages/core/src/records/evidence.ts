import type { CapabilityKind, ColumnValue, Engine, JsonObject, NormalizedValue, Row } from './common.js';

export interface ExternalRowItem {
  kind: 'external_row';
  source_id: string;
  schema: string;
  table: string;
  primary_key: ColumnValue;
  tenant: ColumnValue | null;
  version: ColumnValue | null;
  row_hash: string;
  visible_row: Row;
}

export interface ProposalDiffItem {
  kind: 'proposal_diff';
  before: Row;
  patch: Row;
  after: Row;
}

export type EvidenceItem = ExternalRowItem | ProposalDiffItem;

/** Ledger record `ev_…` of what one read returned. */
export interface EvidenceBundle {
  evidence_bundle_id: string;
  kind: CapabilityKind;
  capability: string;
  source_id: string;
  target: string;
  object_type: string;
  object_id: string;
  tenant_id: string;
  principal: string;
  provenance: string;
  arguments: JsonObject;
  query_fingerprint: string;
  query_audit_id: string;
  proposal_id: string | null;
  source_database_changed: false;
  created_at: string;
  items: EvidenceItem[];
  content_hash: string;
}

export type QueryOutcome = 'ok' | 'not_found' | 'not_unique' | 'error';

/** Ledger record `qa_…` of one executed statement. Parameter values are never stored. */
export interface QueryAuditRecord {
  query_audit_id: string;
  evidence_bundle_id: string | null;
  proposal_id: string | null;
  capability: string;
  kind: CapabilityKind;
  source_id: string;
  engine: Engine;
  tenant_id: string;
  principal: string;
  business_object: string;
  object_id: string;
  table_name: string;
  columns: string[];
  tenant_bound: boolean;
  statement_template: string;
  parameters_redacted: true;
  query_fingerprint: string;
  row_count: number;
  outcome: QueryOutcome;
  error_code: string | null;
  duration_ms: number;
  created_at: string;
  content_hash: string;
}

export type { NormalizedValue };
