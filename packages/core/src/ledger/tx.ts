import type {
  ApprovalRecord,
  EvidenceBundle,
  ExecutionReceipt,
  JsonValue,
  LedgerEvent,
  ProposalRecord,
  ProposalState,
  QueryAuditRecord,
  WritebackJob,
} from '../records/index.js';
import type { ChainHead } from './chain.js';

/** Read access the shared rules and replay assembly need; synchronous, inside one transaction. */
export interface LedgerReadTx {
  proposal(proposalId: string): ProposalRecord | null;
  latestProposalId(): string | null;
  evidence(evidenceBundleId: string): EvidenceBundle | null;
  queryAudit(queryAuditId: string): QueryAuditRecord | null;
  evidenceForProposal(proposalId: string): EvidenceBundle[];
  queryAuditForProposal(proposalId: string): QueryAuditRecord[];
  /** Ascending `seq`. */
  eventsForProposal(proposalId: string): LedgerEvent[];
  /** The `read_recorded` event whose payload names this evidence bundle. */
  readEventFor(evidence: EvidenceBundle): LedgerEvent | null;
  eventBySeq(seq: number): LedgerEvent | null;
  approvals(proposalId: string): ApprovalRecord[];
  job(proposalId: string): WritebackJob | null;
  /** Ascending attempt. */
  receipts(proposalId: string): ExecutionReceipt[];
  head(): ChainHead;
}

export type PruneCounts = Record<string, number>;

/**
 * Write access for the shared ledger operations (ledger/ops). A store implements it on its own
 * storage and runs each operation inside one write transaction (SQLite: `BEGIN IMMEDIATE`),
 * so every rule — approval checks, transitions, secret scan, hashing — lives once in core.
 */
export interface LedgerTx extends LedgerReadTx {
  /** The waiting (`pending_review` / `shadow`) proposal holding this dedupe key, if any. */
  waitingByDedupe(dedupeKey: string): ProposalRecord | null;
  /** Candidates for expiry (the operation re-checks each one). */
  dueProposalIds(now: string): string[];
  /** A fresh `evt_…` id for events the store itself emits (expiry). */
  newEventId(): string;
  insertProposal(proposal: ProposalRecord): void;
  /** Compare-and-set; `false` when the state is no longer `from`. */
  setProposalState(proposalId: string, from: ProposalState, to: ProposalState, now: string): boolean;
  insertEvidence(bundle: EvidenceBundle): void;
  insertQueryAudit(audit: QueryAuditRecord): void;
  insertEvent(event: LedgerEvent): void;
  insertApproval(approval: ApprovalRecord): void;
  /** Insert or replace the proposal's single job row. */
  saveJob(job: WritebackJob, status: 'claimed' | 'completed', now: string): void;
  insertReceipt(receipt: ExecutionReceipt): void;
  setState(key: string, value: JsonValue, now: string): void;
  /**
   * Counts (and with `apply`, deletes) final-state proposal graphs and unlinked reads created
   * before `cutoff`, turning their events into tombstones. Keys: entity table names + `events`.
   */
  prune(cutoff: string, finalStates: readonly ProposalState[], apply: boolean): PruneCounts;
}
