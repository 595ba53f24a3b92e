import type {
  ActorSource,
  ApprovalRecord,
  EvidenceBundle,
  ExecutionReceipt,
  LedgerEvent,
  NewEvent,
  ProposalRecord,
  ProposalState,
  QueryAuditRecord,
  WritebackJob,
} from '../records/index.js';
import type { JsonValue } from '../records/common.js';

/** Filters of ledger.md "Search"; each list applies the ones that make sense for it. */
export interface LedgerFilter {
  tenant?: string;
  principal?: string;
  capability?: string;
  source?: string;
  /** ISO timestamps on `created_at` (inclusive). */
  from?: string;
  to?: string;
  /** Default 20, max 200. */
  limit?: number;
  object_type?: string;
  object_id?: string;
  table?: string;
  query_fingerprint?: string;
  proposal?: string;
  evidence?: string;
  receipt?: string;
  state?: ProposalState;
  status?: ExecutionReceipt['status'];
  primary_key?: string;
  writeback_job?: string;
  idempotency_key?: string;
  kind?: string;
  actor?: string;
  /** Events only: seq strictly greater than this. */
  since_seq?: number;
}

export interface ActivityItem {
  at: string;
  kind: 'proposal' | 'read' | 'read_not_found' | 'receipt';
  id: string;
  capability: string;
  tenant_id: string;
  principal: string;
  object: string;
  status: string;
  next: string;
}

export interface RecordReadInput {
  /** `null` for 0-row / error outcomes (audit only). */
  evidence: EvidenceBundle | null;
  query_audit: QueryAuditRecord;
  event: NewEvent;
}

/** Built inside the store's transaction once it knows whether a waiting duplicate exists. */
export interface ProposalWrite {
  /** `null` when reusing `existing`. */
  proposal: ProposalRecord | null;
  evidence: EvidenceBundle;
  query_audit: QueryAuditRecord;
  events: NewEvent[];
}

export interface CreateProposalInput {
  dedupe_key: string;
  /** Used to ignore an expired waiting duplicate. */
  now: string;
  /** Synchronous: runs inside the store transaction with the reusable proposal, if any. */
  build(existing: ProposalRecord | null): ProposalWrite;
}

export interface DecideInput {
  proposal_id: string;
  decision: ApprovalRecord['decision'];
  actor: string;
  actor_source: ActorSource;
  roles: string[];
  /** The current config's required role for the action (may differ from the change set's). */
  config_required_role: string | null;
  /** Current config mode: approvals are refused in `read_only`. */
  config_mode: 'read_only' | 'shadow' | 'review';
  reason: string | null;
  /** The hash the reviewer saw (`--expect-hash`), if any. */
  expect_hash?: string;
  expect_version?: number;
  approval_id: string;
  event_id: string;
  now: string;
}

export interface ClaimInput {
  proposal_id: string;
  /** States the caller verified; the claim is a compare-and-set against them. */
  from_states: ProposalState[];
  job: WritebackJob;
  event: NewEvent;
  now: string;
}

export interface RecordReceiptInput {
  receipt: ExecutionReceipt;
  new_state: Extract<ProposalState, 'applied' | 'conflict' | 'failed'>;
  event: NewEvent;
  now: string;
}

export interface ReplayDocument {
  schema_version: 'synapsor.replay.v1';
  replay_id: string;
  subject: { kind: 'proposal' | 'read'; id: string };
  generated_at: string;
  proposal: ProposalRecord | null;
  events: LedgerEvent[];
  approvals: ApprovalRecord[];
  evidence: EvidenceBundle[];
  query_audit: QueryAuditRecord[];
  writeback_jobs: WritebackJob[];
  receipts: ExecutionReceipt[];
  integrity: {
    proposal_hash_ok: boolean | null;
    evidence_hashes_ok: boolean;
    receipt_hashes_ok: boolean;
    chain_ok: boolean;
    head_hash: string;
  };
}

export interface VerifyResult {
  ok: boolean;
  events: number;
  tombstones: number;
  head: { seq: number; hash: string };
  first_break: { seq: number; reason: string } | null;
  record_breaks: Array<{ entity: string; id: string; reason: string }>;
}

/** The serving process's lease as `stats` reports it (ledger.md "Leases"). */
export interface StoreLeaseInfo {
  pid: number;
  hostname: string;
  transport: 'stdio' | 'streamable-http' | 'http';
  started_at: string;
  live: boolean;
}

export interface StoreStats {
  schema_version: number;
  path: string;
  bytes: number;
  page_count: number;
  page_size: number;
  counts: Record<string, number>;
  proposals_by_state: Partial<Record<ProposalState, number>>;
  chain_head: { seq: number; hash: string };
  /** `null` when no lease file exists (always for in-memory stores). */
  lease?: StoreLeaseInfo | null;
}

/** `force` overrides the live-lease refusal (`STORE_IN_USE`) of prune --yes, vacuum and reset. */
export interface MaintenanceOptions {
  force?: boolean;
}

export interface PruneInput extends MaintenanceOptions {
  /** ISO timestamp: final-state proposals and unlinked reads created before it go. */
  cutoff: string;
  dryRun: boolean;
  /** Id of the `store_pruned` event appended by a real prune. */
  event_id: string;
  now: string;
}

export interface PruneResult {
  dry_run: boolean;
  cutoff: string;
  counts: Record<string, number>;
}

/**
 * Port: the local ledger. Every write method is one transaction. Refusals throw
 * `SynapsorError` with the spec's code (e.g. `PROPOSAL_NOT_FOUND`, `SELF_APPROVAL_FORBIDDEN`,
 * `SECRET_MATERIAL_REJECTED`, `LEDGER_BUSY`).
 */
export interface LedgerStore {
  recordRead(input: RecordReadInput): Promise<void>;
  createProposal(input: CreateProposalInput): Promise<{ proposal: ProposalRecord; reused: boolean }>;
  /** Expiry on touch: a due proposal is moved to `expired` (with its event) before it is returned. */
  getProposal(proposalId: string): Promise<ProposalRecord | null>;
  latestProposalId(): Promise<string | null>;
  /** Approve or reject with the approval rules of read-and-proposal.md. */
  decide(input: DecideInput): Promise<{ approval: ApprovalRecord; proposal: ProposalRecord }>;
  /** Moves due `pending_review` / `approved` proposals to `expired`; returns how many. */
  expireDue(now: string): Promise<number>;
  claimWriteback(input: ClaimInput): Promise<ProposalRecord>;
  recordReceipt(input: RecordReceiptInput): Promise<ProposalRecord>;
  /** Only kinds without a state change (`writeback_refused`, `writeback_dry_run`); else `EVENT_KIND_NOT_APPENDABLE`. */
  appendEvent(event: NewEvent): Promise<LedgerEvent>;

  getEvidence(evidenceBundleId: string): Promise<EvidenceBundle | null>;
  getQueryAudit(queryAuditId: string): Promise<QueryAuditRecord | null>;
  getReceipt(receiptId: string): Promise<ExecutionReceipt | null>;
  getJob(proposalId: string): Promise<WritebackJob | null>;
  listApprovals(proposalId: string): Promise<ApprovalRecord[]>;
  listReceiptsFor(proposalId: string): Promise<ExecutionReceipt[]>;

  listProposals(filter?: LedgerFilter): Promise<ProposalRecord[]>;
  listEvidence(filter?: LedgerFilter): Promise<EvidenceBundle[]>;
  listQueryAudit(filter?: LedgerFilter): Promise<QueryAuditRecord[]>;
  listReceipts(filter?: LedgerFilter): Promise<ExecutionReceipt[]>;
  /** Events in ascending `seq` (tail/webhook order). */
  listEvents(filter?: LedgerFilter): Promise<LedgerEvent[]>;
  activity(filter?: LedgerFilter): Promise<ActivityItem[]>;

  /** `id` = proposal id, `replay_<id>`, `latest`, or an evidence bundle id. `null` when unknown. */
  replay(id: string, now: string): Promise<ReplayDocument | null>;

  getState(key: string): Promise<JsonValue | null>;
  setState(key: string, value: JsonValue, now: string): Promise<void>;

  stats(): Promise<StoreStats>;
  verify(): Promise<VerifyResult>;
  vacuum(options?: MaintenanceOptions): Promise<{ bytes_before: number; bytes_after: number }>;
  prune(input: PruneInput): Promise<PruneResult>;
  /** Deletes the whole ledger (file, -wal, -shm, lease) and closes the store; `:memory:` is refused. */
  reset(options?: MaintenanceOptions): Promise<void>;
  close(): Promise<void>;
}
