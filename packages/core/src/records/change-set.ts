import type { ColumnValue, NormalizedValue, Row, SourceKind } from './common.js';

export type ExpectedVersion =
  | { column: string; value: NormalizedValue }
  | { column: '__row_hash'; value: string; columns: string[] };

/** `synapsor.change-set.v1` — immutable once stored. */
export interface ChangeSet {
  schema_version: 'synapsor.change-set.v1';
  proposal_id: string;
  proposal_version: number;
  action: string;
  mode: 'review_required' | 'shadow';
  principal: { id: string; source: string };
  scope: {
    tenant_id: string | null;
    principal: string;
    object_type: string;
    object_id: string;
    business_object: string;
  };
  source: {
    kind: SourceKind;
    source_id: string;
    schema: string;
    table: string;
    primary_key: ColumnValue;
  };
  before: Row;
  patch: Row;
  after: Row;
  guards: {
    tenant: ColumnValue | null;
    allowed_columns: string[];
    expected_version: ExpectedVersion;
  };
  evidence: { bundle_id: string; query_fingerprint: string };
  approval: {
    mode: 'human';
    status: 'pending';
    required_role: string | null;
    expires_at: string | null;
  };
  writeback: {
    status: 'not_applied';
    mode: 'direct_update' | 'app_handler';
    executor: string;
  };
  source_database_mutated: false;
  created_at: string;
  integrity: { proposal_hash: string };
}
