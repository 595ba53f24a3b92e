import { hashCanonical, sealHashed } from '../hashing/index.js';
import type { ReadPlan } from '../ports/index.js';
import type {
  ColumnValue,
  EvidenceBundle,
  EvidenceItem,
  NewEvent,
  QueryAuditRecord,
  Row,
  TrustedContext,
} from '../records/index.js';

/** Adds `content_hash` = sha256 over the JCS form of the record without it; sealed (frozen). */
function withContentHash<T extends object>(record: T): T & { content_hash: string } {
  const hash = hashCanonical(record);
  return sealHashed({ ...record, content_hash: hash }, hash);
}

/** The bundle's own fields as given; plan and context supply the rest, the row its item. */
export interface EvidenceInput
  extends Pick<
    EvidenceBundle,
    | 'evidence_bundle_id'
    | 'kind'
    | 'capability'
    | 'arguments'
    | 'query_fingerprint'
    | 'query_audit_id'
    | 'proposal_id'
    | 'created_at'
    | 'object_id'
  > {
  plan: ReadPlan;
  context: TrustedContext;
  primary_key: ColumnValue;
  tenant: ColumnValue | null;
  version: ColumnValue | null;
  row_hash: string;
  visible_row: Row;
  diff?: { before: Row; patch: Row; after: Row };
}

export function buildEvidenceBundle(input: EvidenceInput): EvidenceBundle {
  const items: EvidenceItem[] = [
    {
      kind: 'external_row',
      source_id: input.plan.source_id,
      schema: input.plan.schema,
      table: input.plan.table,
      primary_key: input.primary_key,
      tenant: input.tenant,
      version: input.version,
      row_hash: input.row_hash,
      visible_row: input.visible_row,
    },
  ];
  if (input.diff) items.push({ kind: 'proposal_diff', ...input.diff });
  return withContentHash({
    evidence_bundle_id: input.evidence_bundle_id,
    kind: input.kind,
    capability: input.capability,
    source_id: input.plan.source_id,
    target: `${input.plan.schema}.${input.plan.table}`,
    object_type: input.plan.table,
    object_id: input.object_id,
    tenant_id: input.context.tenant_id,
    principal: input.context.principal,
    provenance: input.context.provenance,
    arguments: input.arguments,
    query_fingerprint: input.query_fingerprint,
    query_audit_id: input.query_audit_id,
    proposal_id: input.proposal_id,
    source_database_changed: false as const,
    created_at: input.created_at,
    items,
  });
}

/** The record's own fields as given; plan and context supply the rest. */
export interface QueryAuditInput
  extends Pick<
    QueryAuditRecord,
    | 'query_audit_id'
    | 'evidence_bundle_id'
    | 'proposal_id'
    | 'capability'
    | 'kind'
    | 'object_id'
    | 'statement_template'
    | 'query_fingerprint'
    | 'row_count'
    | 'outcome'
    | 'error_code'
    | 'duration_ms'
    | 'created_at'
  > {
  plan: ReadPlan;
  context: TrustedContext;
}

/** One executed statement; parameter values are never stored (`parameters_redacted`). */
export function buildQueryAudit(input: QueryAuditInput): QueryAuditRecord {
  return withContentHash({
    query_audit_id: input.query_audit_id,
    evidence_bundle_id: input.evidence_bundle_id,
    proposal_id: input.proposal_id,
    capability: input.capability,
    kind: input.kind,
    source_id: input.plan.source_id,
    engine: input.plan.engine,
    tenant_id: input.context.tenant_id,
    principal: input.context.principal,
    business_object: input.plan.table,
    object_id: input.object_id,
    table_name: `${input.plan.schema}.${input.plan.table}`,
    columns: [...input.plan.columns],
    tenant_bound: input.plan.tenant_key !== null,
    statement_template: input.statement_template,
    parameters_redacted: true as const,
    query_fingerprint: input.query_fingerprint,
    row_count: input.row_count,
    outcome: input.outcome,
    error_code: input.error_code,
    duration_ms: input.duration_ms,
    created_at: input.created_at,
  });
}

/** Primary-key value as stored in records: always a string. */
export const objectIdOf = (value: string | number | boolean): string => String(value);

/**
 * The `read_recorded` event linking a query audit row (and its evidence, when a row was read).
 * One builder for the runtime and the test fixtures, so the payload shape cannot drift.
 */
export function buildReadRecordedEvent(input: {
  event_id: string;
  actor: string;
  audit: QueryAuditRecord;
  evidence: EvidenceBundle | null;
}): NewEvent {
  const { audit, evidence } = input;
  return {
    event_id: input.event_id,
    proposal_id: null,
    kind: 'read_recorded',
    actor: input.actor,
    payload: {
      capability: audit.capability,
      outcome: audit.outcome,
      evidence_bundle_id: evidence?.evidence_bundle_id ?? null,
      evidence_hash: evidence?.content_hash ?? null,
      query_audit_id: audit.query_audit_id,
      query_audit_hash: audit.content_hash,
    },
    created_at: audit.created_at,
  };
}
