import type { ActivityItem } from '../ports/ledger-store.js';
import type { EvidenceBundle, ExecutionReceipt, ProposalRecord, QueryAuditRecord } from '../records/index.js';
import { newestFirst } from './filters.js';

const CLI = 'synapsor-runner';

export function proposalActivity(p: ProposalRecord): ActivityItem {
  return {
    at: p.created_at,
    kind: 'proposal',
    id: p.proposal_id,
    capability: p.action,
    tenant_id: p.tenant_id,
    principal: p.principal,
    object: `${p.object_type}:${p.object_id}`,
    status: p.state,
    next: `${CLI} replay ${p.proposal_id}`,
  };
}

export function readActivity(e: EvidenceBundle): ActivityItem {
  return {
    at: e.created_at,
    kind: 'read',
    id: e.evidence_bundle_id,
    capability: e.capability,
    tenant_id: e.tenant_id,
    principal: e.principal,
    object: `${e.object_type}:${e.object_id}`,
    status: 'ok',
    next: `${CLI} evidence show ${e.evidence_bundle_id}`,
  };
}

export function notFoundActivity(qa: QueryAuditRecord): ActivityItem {
  return {
    at: qa.created_at,
    kind: 'read_not_found',
    id: qa.query_audit_id,
    capability: qa.capability,
    tenant_id: qa.tenant_id,
    principal: qa.principal,
    object: `${qa.business_object}:${qa.object_id}`,
    status: qa.outcome,
    next: `${CLI} query-audit show ${qa.query_audit_id}`,
  };
}

/** A receipt is shown with its proposal's scope (receipts carry no tenant of their own). */
export function receiptActivity(r: ExecutionReceipt, proposal: ProposalRecord | null): ActivityItem {
  return {
    at: r.executed_at,
    kind: 'receipt',
    id: r.receipt_id,
    capability: proposal?.action ?? '',
    tenant_id: proposal?.tenant_id ?? '',
    principal: proposal?.principal ?? '',
    object: proposal ? `${proposal.object_type}:${proposal.object_id}` : '',
    status: r.status,
    next: `${CLI} receipts show ${r.receipt_id}`,
  };
}

/** Merge the per-kind lists (each already newest first and limited) into one newest-first page. */
export function mergeActivity(lists: ActivityItem[][], limit: number): ActivityItem[] {
  return newestFirst(lists.flat(), (item) => item.at).slice(0, limit);
}
