import type { LedgerFilter } from '../ports/ledger-store.js';
import type {
  EvidenceBundle,
  ExecutionReceipt,
  LedgerEvent,
  ProposalRecord,
  QueryAuditRecord,
} from '../records/index.js';
import { inTimeRange, matchesObjectType, matchesTable } from './filters.js';

/**
 * Filter semantics of ledger.md "Search" as predicates, for stores that filter in memory.
 * SQL stores implement the same semantics in their queries; the conformance suite checks both.
 */
export interface MatchLookup {
  proposal(proposalId: string): ProposalRecord | null;
  /** Proposal ids having a receipt with this id / an evidence bundle with this id. */
  proposalOfReceipt(receiptId: string): string | null;
  proposalsOfEvidence(evidenceBundleId: string): string[];
}

interface Scope {
  tenant: string;
  principal: string;
  capability: string;
  source: string;
  object_type: string;
  object_id: string;
  created_at: string;
}

function eq(wanted: string | undefined, actual: string | null | undefined): boolean {
  return wanted === undefined || wanted === actual;
}

function scopeMatches(scope: Scope | null, f: LedgerFilter): boolean {
  const scoped = [f.tenant, f.principal, f.capability, f.source, f.object_type, f.object_id].some((v) => v !== undefined);
  if (!scope) return !scoped;
  return (
    eq(f.tenant, scope.tenant) &&
    eq(f.principal, scope.principal) &&
    eq(f.capability, scope.capability) &&
    eq(f.source, scope.source) &&
    (f.object_type === undefined || matchesObjectType(scope.object_type, f.object_type)) &&
    eq(f.object_id, scope.object_id)
  );
}

function proposalScope(p: ProposalRecord): Scope {
  return {
    tenant: p.tenant_id,
    principal: p.principal,
    capability: p.action,
    source: p.source_id,
    object_type: p.object_type,
    object_id: p.object_id,
    created_at: p.created_at,
  };
}

function linkedTo(f: LedgerFilter, proposalId: string | null, lookup: MatchLookup): boolean {
  if (f.proposal !== undefined && f.proposal !== proposalId) return false;
  if (f.receipt !== undefined && (proposalId === null || lookup.proposalOfReceipt(f.receipt) !== proposalId)) return false;
  return true;
}

export function matchProposal(p: ProposalRecord, f: LedgerFilter, lookup: MatchLookup): boolean {
  const evidenceOk =
    f.evidence === undefined ||
    p.evidence_bundle_id === f.evidence ||
    lookup.proposalsOfEvidence(f.evidence).includes(p.proposal_id);
  return (
    scopeMatches(proposalScope(p), f) &&
    inTimeRange(p.created_at, f) &&
    linkedTo(f, p.proposal_id, lookup) &&
    evidenceOk &&
    eq(f.state, p.state)
  );
}

/** What a read and its query audit are both searched by: scope, links, table and query shape. */
interface ReadFacts extends Scope {
  proposal_id: string | null;
  evidence_bundle_id: string | null;
  table: string;
  query_fingerprint: string;
}

function readMatches(r: ReadFacts, f: LedgerFilter, lookup: MatchLookup): boolean {
  return (
    scopeMatches(r, f) &&
    inTimeRange(r.created_at, f) &&
    linkedTo(f, r.proposal_id, lookup) &&
    eq(f.evidence, r.evidence_bundle_id) &&
    (f.table === undefined || matchesTable(r.table, f.table)) &&
    eq(f.query_fingerprint, r.query_fingerprint)
  );
}

export function matchEvidence(e: EvidenceBundle, f: LedgerFilter, lookup: MatchLookup): boolean {
  return readMatches(
    {
      tenant: e.tenant_id,
      principal: e.principal,
      capability: e.capability,
      source: e.source_id,
      object_type: e.object_type,
      object_id: e.object_id,
      created_at: e.created_at,
      proposal_id: e.proposal_id,
      evidence_bundle_id: e.evidence_bundle_id,
      table: e.target,
      query_fingerprint: e.query_fingerprint,
    },
    f,
    lookup,
  );
}

export function matchQueryAudit(qa: QueryAuditRecord, f: LedgerFilter, lookup: MatchLookup): boolean {
  const facts: ReadFacts = {
    tenant: qa.tenant_id,
    principal: qa.principal,
    capability: qa.capability,
    source: qa.source_id,
    object_type: qa.business_object,
    object_id: qa.object_id,
    created_at: qa.created_at,
    proposal_id: qa.proposal_id,
    evidence_bundle_id: qa.evidence_bundle_id,
    table: qa.table_name,
    query_fingerprint: qa.query_fingerprint,
  };
  return readMatches(facts, f, lookup) && eq(f.primary_key, qa.object_id);
}

export function matchReceipt(r: ExecutionReceipt, f: LedgerFilter, lookup: MatchLookup): boolean {
  const proposal = lookup.proposal(r.proposal_id);
  return (
    scopeMatches(proposal ? proposalScope(proposal) : null, f) &&
    inTimeRange(r.executed_at, f) &&
    eq(f.proposal, r.proposal_id) &&
    eq(f.receipt, r.receipt_id) &&
    (f.evidence === undefined || lookup.proposalsOfEvidence(f.evidence).includes(r.proposal_id)) &&
    eq(f.status, r.status) &&
    eq(f.writeback_job, r.writeback_job_id) &&
    eq(f.idempotency_key, r.idempotency_key)
  );
}

/** Events carry no scope of their own: tenant/principal/capability/source go through the proposal. */
export function matchEvent(e: LedgerEvent, f: LedgerFilter, lookup: MatchLookup): boolean {
  const proposal = e.proposal_id ? lookup.proposal(e.proposal_id) : null;
  const scoped = [f.tenant, f.principal, f.capability, f.source].some((v) => v !== undefined);
  const scopeOk =
    !scoped ||
    (proposal !== null &&
      eq(f.tenant, proposal.tenant_id) &&
      eq(f.principal, proposal.principal) &&
      eq(f.capability, proposal.action) &&
      eq(f.source, proposal.source_id));
  return (
    scopeOk &&
    inTimeRange(e.created_at, f) &&
    eq(f.proposal, e.proposal_id) &&
    eq(f.kind, e.kind) &&
    eq(f.actor, e.actor) &&
    (f.since_seq === undefined || e.seq > f.since_seq)
  );
}
