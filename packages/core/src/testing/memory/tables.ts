import { SynapsorError } from '../../errors/index.js';
import { EMPTY_HEAD, tombstoneOf, type ChainHead } from '../../ledger/chain.js';
import type { LedgerTx, PruneCounts } from '../../ledger/tx.js';
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
} from '../../records/index.js';
import { WAITING_STATES } from '../../approval/transitions.js';

const clone = <T>(value: T): T => structuredClone(value);
const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);

function constraint(what: string): SynapsorError {
  return new SynapsorError('LEDGER_CONSTRAINT_VIOLATION', `Ledger constraint violated: ${what}`);
}

/**
 * The in-memory tables behind the memory fake: a `LedgerTx` with an undo log so a failed
 * operation leaves nothing behind, like a rolled-back SQLite transaction. Records are cloned
 * in and out so callers cannot mutate stored state.
 */
export class MemoryTables implements LedgerTx {
  readonly proposals = new Map<string, ProposalRecord>();
  readonly events: LedgerEvent[] = [];
  readonly approvalRows: ApprovalRecord[] = [];
  readonly evidenceRows = new Map<string, EvidenceBundle>();
  readonly auditRows = new Map<string, QueryAuditRecord>();
  readonly jobs = new Map<string, { job: WritebackJob; status: 'claimed' | 'completed' }>();
  readonly receiptRows = new Map<string, ExecutionReceipt>();
  readonly state = new Map<string, { value: JsonValue; updated_at: string }>();
  private undo: Array<() => void> | null = null;

  constructor(readonly newEventId: () => string) {}

  /** Runs `fn` atomically: on a throw every write it made is undone. */
  run<T>(fn: () => T): T {
    this.undo = [];
    try {
      return fn();
    } catch (error) {
      for (const step of this.undo.reverse()) step();
      throw error;
    } finally {
      this.undo = null;
    }
  }

  private record(step: () => void): void {
    this.undo?.push(step);
  }

  private setIn<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const old = map.get(key);
    map.set(key, value);
    this.record(() => (had ? map.set(key, old as V) : map.delete(key)));
  }

  private deleteIn<K, V>(map: Map<K, V>, key: K): void {
    if (!map.has(key)) return;
    const old = map.get(key) as V;
    map.delete(key);
    this.record(() => map.set(key, old));
  }

  proposal(id: string): ProposalRecord | null {
    const found = this.proposals.get(id);
    return found ? clone(found) : null;
  }

  latestProposalId(): string | null {
    let latest: ProposalRecord | null = null;
    for (const p of this.proposals.values()) if (!latest || !before(p.created_at, latest.created_at)) latest = p;
    return latest?.proposal_id ?? null;
  }

  evidence(id: string): EvidenceBundle | null {
    const found = this.evidenceRows.get(id);
    return found ? clone(found) : null;
  }

  queryAudit(id: string): QueryAuditRecord | null {
    const found = this.auditRows.get(id);
    return found ? clone(found) : null;
  }

  evidenceForProposal(id: string): EvidenceBundle[] {
    return [...this.evidenceRows.values()].filter((e) => e.proposal_id === id).map(clone);
  }

  queryAuditForProposal(id: string): QueryAuditRecord[] {
    return [...this.auditRows.values()].filter((qa) => qa.proposal_id === id).map(clone);
  }

  eventsForProposal(id: string): LedgerEvent[] {
    return this.events.filter((e) => e.proposal_id === id).map(clone);
  }

  readEventFor(bundle: EvidenceBundle): LedgerEvent | null {
    const found = this.events.find(
      (e) => e.kind === 'read_recorded' && e.payload?.['evidence_bundle_id'] === bundle.evidence_bundle_id,
    );
    return found ? clone(found) : null;
  }

  eventBySeq(seq: number): LedgerEvent | null {
    const found = this.events[seq - 1];
    return found ? clone(found) : null;
  }

  approvals(id: string): ApprovalRecord[] {
    return this.approvalRows.filter((a) => a.proposal_id === id).map(clone);
  }

  job(id: string): WritebackJob | null {
    const found = this.jobs.get(id);
    return found ? clone(found.job) : null;
  }

  receipts(id: string): ExecutionReceipt[] {
    return [...this.receiptRows.values()]
      .filter((r) => r.proposal_id === id)
      .sort((a, b) => a.attempt - b.attempt)
      .map(clone);
  }

  head(): ChainHead {
    const last = this.events.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
  }

  waitingByDedupe(key: string): ProposalRecord | null {
    for (const p of this.proposals.values()) {
      if (p.dedupe_key === key && WAITING_STATES.includes(p.state)) return clone(p);
    }
    return null;
  }

  dueProposalIds(now: string): string[] {
    return [...this.proposals.values()]
      .filter((p) => (p.state === 'pending_review' || p.state === 'approved') && p.expires_at !== null)
      .filter((p) => !before(now, p.expires_at!))
      .map((p) => p.proposal_id);
  }

  insertProposal(p: ProposalRecord): void {
    if (this.proposals.has(p.proposal_id)) throw constraint('proposal id');
    if (WAITING_STATES.includes(p.state) && this.waitingByDedupe(p.dedupe_key)) throw constraint('dedupe key');
    this.setIn(this.proposals, p.proposal_id, clone(p));
  }

  setProposalState(id: string, from: ProposalState, to: ProposalState, now: string): boolean {
    const current = this.proposals.get(id);
    if (!current || current.state !== from) return false;
    this.setIn(this.proposals, id, { ...current, state: to, updated_at: now });
    return true;
  }

  insertEvidence(bundle: EvidenceBundle): void {
    if (this.evidenceRows.has(bundle.evidence_bundle_id)) throw constraint('evidence id');
    this.setIn(this.evidenceRows, bundle.evidence_bundle_id, clone(bundle));
  }

  insertQueryAudit(audit: QueryAuditRecord): void {
    if (this.auditRows.has(audit.query_audit_id)) throw constraint('query audit id');
    this.setIn(this.auditRows, audit.query_audit_id, clone(audit));
  }

  insertEvent(event: LedgerEvent): void {
    if (event.seq !== this.events.length + 1) throw constraint('event seq');
    if (this.events.some((e) => e.event_id === event.event_id)) throw constraint('event id');
    this.events.push(clone(event));
    this.record(() => this.events.pop());
  }

  insertApproval(approval: ApprovalRecord): void {
    if (this.approvalRows.some((a) => a.approval_id === approval.approval_id)) throw constraint('approval id');
    this.approvalRows.push(clone(approval));
    this.record(() => this.approvalRows.pop());
  }

  saveJob(job: WritebackJob, status: 'claimed' | 'completed'): void {
    this.setIn(this.jobs, job.proposal_id, { job: clone(job), status });
  }

  insertReceipt(r: ExecutionReceipt): void {
    const duplicate = [...this.receiptRows.values()].some(
      (x) => x.receipt_id === r.receipt_id || (x.writeback_job_id === r.writeback_job_id && x.attempt === r.attempt),
    );
    if (duplicate) throw constraint('receipt (job, attempt)');
    this.setIn(this.receiptRows, r.receipt_id, clone(r));
  }

  setState(key: string, value: JsonValue, now: string): void {
    this.setIn(this.state, key, { value: clone(value), updated_at: now });
  }

  prune(cutoff: string, finalStates: readonly ProposalState[], apply: boolean): PruneCounts {
    const proposalIds = new Set(
      [...this.proposals.values()]
        .filter((p) => finalStates.includes(p.state) && before(p.created_at, cutoff))
        .map((p) => p.proposal_id),
    );
    const owned = (proposalId: string | null, createdAt: string) =>
      proposalId === null ? before(createdAt, cutoff) : proposalIds.has(proposalId);
    const evidence = [...this.evidenceRows.values()].filter((e) => owned(e.proposal_id, e.created_at));
    const audits = [...this.auditRows.values()].filter((qa) => owned(qa.proposal_id, qa.created_at));
    const approvals = this.approvalRows.filter((a) => proposalIds.has(a.proposal_id));
    const receipts = [...this.receiptRows.values()].filter((r) => proposalIds.has(r.proposal_id));
    const jobs = [...proposalIds].filter((id) => this.jobs.has(id));
    const events = this.events.filter(
      (e) =>
        !e.pruned &&
        ((e.proposal_id !== null && proposalIds.has(e.proposal_id)) ||
          (e.kind === 'read_recorded' && before(e.created_at, cutoff))),
    );
    const counts: PruneCounts = {
      proposals: proposalIds.size,
      approvals: approvals.length,
      writeback_jobs: jobs.length,
      receipts: receipts.length,
      evidence_bundles: evidence.length,
      evidence_items: evidence.reduce((sum, e) => sum + e.items.length, 0),
      query_audit: audits.length,
      replay_records: 0,
      events: events.length,
    };
    if (!apply) return counts;
    for (const id of proposalIds) this.deleteIn(this.proposals, id);
    for (const id of jobs) this.deleteIn(this.jobs, id);
    for (const e of evidence) this.deleteIn(this.evidenceRows, e.evidence_bundle_id);
    for (const qa of audits) this.deleteIn(this.auditRows, qa.query_audit_id);
    for (const r of receipts) this.deleteIn(this.receiptRows, r.receipt_id);
    const allApprovals = [...this.approvalRows];
    const keptApprovals = allApprovals.filter((a) => !proposalIds.has(a.proposal_id));
    this.approvalRows.splice(0, this.approvalRows.length, ...keptApprovals);
    this.record(() => this.approvalRows.splice(0, this.approvalRows.length, ...allApprovals));
    for (const e of events) {
      this.events[e.seq - 1] = tombstoneOf(e);
      this.record(() => (this.events[e.seq - 1] = e));
    }
    return counts;
  }
}
