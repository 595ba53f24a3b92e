import type {
  ApprovalRecord,
  EvidenceBundle,
  EvidenceItem,
  ExecutionReceipt,
  JsonObject,
  LedgerEvent,
  ProposalRecord,
  QueryAuditRecord,
  WritebackJob,
} from '@synapsor/core';

/** Row shapes as better-sqlite3 returns them, and their mapping to core records. */
export type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;
const opt = (v: unknown) => (v === null ? null : (v as string));
const json = <T>(v: unknown) => JSON.parse(v as string) as T;

export function proposalFromRow(r: Row): ProposalRecord {
  return {
    proposal_id: str(r.proposal_id), proposal_version: r.proposal_version as number, proposal_hash: str(r.proposal_hash),
    dedupe_key: str(r.dedupe_key), action: str(r.action), mode: str(r.mode) as ProposalRecord['mode'],
    state: str(r.state) as ProposalRecord['state'], tenant_id: str(r.tenant_id), principal: str(r.principal),
    provenance: str(r.provenance), object_type: str(r.object_type), object_id: str(r.object_id),
    source_kind: str(r.source_kind) as ProposalRecord['source_kind'], source_id: str(r.source_id),
    source_schema: str(r.source_schema), source_table: str(r.source_table), executor: str(r.executor),
    required_role: opt(r.required_role), expires_at: opt(r.expires_at), evidence_bundle_id: str(r.evidence_bundle_id),
    change_set: json(r.change_set_json), created_at: str(r.created_at), updated_at: str(r.updated_at),
  };
}

export function proposalParams(p: ProposalRecord): Row {
  const { change_set, ...columns } = p;
  return { ...columns, change_set_json: JSON.stringify(change_set) };
}

export function eventFromRow(r: Row): LedgerEvent {
  return {
    seq: r.seq as number, event_id: str(r.event_id), proposal_id: opt(r.proposal_id), kind: str(r.kind) as LedgerEvent['kind'],
    actor: opt(r.actor), payload: r.payload_json === null ? null : json<JsonObject>(r.payload_json),
    created_at: str(r.created_at), prev_hash: str(r.prev_hash), hash: str(r.hash), pruned: r.pruned === 1,
  };
}

export function eventParams(e: LedgerEvent): Row {
  const { payload, pruned, ...columns } = e;
  return { ...columns, payload_json: payload === null ? null : JSON.stringify(payload), pruned: pruned ? 1 : 0 };
}

export function approvalFromRow(r: Row): ApprovalRecord {
  return {
    approval_id: str(r.approval_id), proposal_id: str(r.proposal_id), proposal_version: r.proposal_version as number,
    proposal_hash: str(r.proposal_hash), decision: str(r.decision) as ApprovalRecord['decision'], actor: str(r.actor),
    actor_source: str(r.actor_source) as ApprovalRecord['actor_source'], roles: json(r.roles_json),
    required_roles: json(r.required_roles_json), reason: opt(r.reason), decided_at: str(r.decided_at),
  };
}

export function approvalParams(a: ApprovalRecord): Row {
  const { roles, required_roles, ...columns } = a;
  return { ...columns, roles_json: JSON.stringify(roles), required_roles_json: JSON.stringify(required_roles) };
}

/** Evidence: the bundle without items in `payload_json`, items in `evidence_items`. */
export function evidenceFromRow(r: Row, items: EvidenceItem[]): EvidenceBundle {
  return { ...json<Omit<EvidenceBundle, 'items'>>(r.payload_json), items };
}

export function evidenceParams(e: EvidenceBundle): Row {
  const { items: _items, ...payload } = e;
  return {
    evidence_bundle_id: e.evidence_bundle_id, kind: e.kind, proposal_id: e.proposal_id, capability: e.capability,
    tenant_id: e.tenant_id, principal: e.principal, provenance: e.provenance, source_id: e.source_id,
    // Always the bare part of `target`: `--table` (bare or qualified) looks this column up first.
    source_table: bareName(e.target), target: e.target,
    object_type: e.object_type, object_id: e.object_id, query_fingerprint: e.query_fingerprint,
    query_audit_id: e.query_audit_id, payload_json: JSON.stringify(payload), content_hash: e.content_hash,
    created_at: e.created_at,
  };
}

export function bareName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export function auditFromRow(r: Row): QueryAuditRecord {
  return {
    query_audit_id: str(r.query_audit_id), evidence_bundle_id: opt(r.evidence_bundle_id), proposal_id: opt(r.proposal_id),
    capability: str(r.capability), kind: str(r.kind) as QueryAuditRecord['kind'], source_id: str(r.source_id),
    engine: str(r.engine) as QueryAuditRecord['engine'], tenant_id: str(r.tenant_id), principal: str(r.principal),
    business_object: str(r.business_object), object_id: str(r.object_id), table_name: str(r.table_name),
    columns: json(r.columns_json), tenant_bound: r.tenant_bound === 1, statement_template: str(r.statement_template),
    parameters_redacted: true, query_fingerprint: str(r.query_fingerprint), row_count: r.row_count as number,
    outcome: str(r.outcome) as QueryAuditRecord['outcome'], error_code: opt(r.error_code),
    duration_ms: r.duration_ms as number, created_at: str(r.created_at), content_hash: str(r.content_hash),
  };
}

export function auditParams(a: QueryAuditRecord): Row {
  const { columns, tenant_bound, parameters_redacted: _redacted, ...rest } = a;
  return { ...rest, columns_json: JSON.stringify(columns), tenant_bound: tenant_bound ? 1 : 0, table_bare: bareName(a.table_name) };
}

export function jobParams(job: WritebackJob, status: string, now: string): Row {
  return {
    writeback_job_id: job.writeback_job_id, proposal_id: job.proposal_id, executor_name: job.executor.name,
    executor_type: job.executor.type, attempt: job.attempt, status, lease_id: job.lease.lease_id,
    lease_expires_at: job.lease.expires_at, job_json: JSON.stringify(job), now,
  };
}

export function receiptParams(r: ExecutionReceipt): Row {
  return {
    receipt_id: r.receipt_id, writeback_job_id: r.writeback_job_id, proposal_id: r.proposal_id, attempt: r.attempt,
    status: r.status, idempotency_key: r.idempotency_key, safe_error_code: r.safe_error_code,
    source_database_mutated: r.source_database_mutated ? 1 : 0, receipt_json: JSON.stringify(r),
    receipt_hash: r.receipt_hash, executed_at: r.executed_at,
  };
}
