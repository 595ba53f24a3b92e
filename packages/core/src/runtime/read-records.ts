import type { CapabilityConfig } from '../config/index.js';
import {
  buildEvidenceBundle,
  buildQueryAudit,
  conflictColumnOf,
  rowHashColumnsOf,
  tenantKeyOf,
  visibleRow,
} from '../plan/index.js';
import type { EvidenceBundle, JsonObject, QueryAuditRecord, Row, TrustedContext } from '../records/index.js';
import { rowHash } from '../writeback/index.js';
import type { RowRead } from './execute-read.js';

export interface ReadRecordLinks {
  evidenceBundleId: string;
  proposalId: string | null;
  createdAt: string;
  diff?: { before: Row; patch: Row; after: Row };
}

/** Row hash over the capability's hash columns (evidence item and weak conflict guard). */
export const rowHashOf = (capability: CapabilityConfig, row: Row): string => rowHash(row, rowHashColumnsOf(capability));

/** Evidence bundle + query audit of a one-row read, linked to each other (and a proposal). */
export function readRecords(
  capability: CapabilityConfig,
  read: RowRead,
  context: TrustedContext,
  args: JsonObject,
  links: ReadRecordLinks,
): { evidence: EvidenceBundle; audit: QueryAuditRecord } {
  const { plan, row } = read;
  const tenantKey = tenantKeyOf(capability);
  const versionColumn = conflictColumnOf(capability);
  const evidence = buildEvidenceBundle({
    evidence_bundle_id: links.evidenceBundleId,
    kind: capability.kind,
    capability: capability.name,
    plan,
    context,
    arguments: args,
    query_fingerprint: read.fingerprint,
    query_audit_id: read.queryAuditId,
    proposal_id: links.proposalId,
    created_at: links.createdAt,
    object_id: read.objectId,
    primary_key: { column: plan.primary_key, value: row[plan.primary_key] ?? null },
    tenant: tenantKey === null ? null : { column: tenantKey, value: row[tenantKey] ?? null },
    version: versionColumn === null ? null : { column: versionColumn, value: row[versionColumn] ?? null },
    row_hash: rowHashOf(capability, row),
    visible_row: visibleRow(capability, row),
    ...(links.diff ? { diff: links.diff } : {}),
  });
  const audit = buildQueryAudit({
    query_audit_id: read.queryAuditId,
    evidence_bundle_id: links.evidenceBundleId,
    proposal_id: links.proposalId,
    capability: capability.name,
    kind: capability.kind,
    plan,
    context,
    object_id: read.objectId,
    statement_template: read.template,
    query_fingerprint: read.fingerprint,
    row_count: 1,
    outcome: 'ok',
    error_code: null,
    duration_ms: read.durationMs,
    created_at: links.createdAt,
  });
  return { evidence, audit };
}
