import type { ActivityItem, LedgerFilter } from '../../ports/ledger-store.js';
import { mergeActivity, notFoundActivity, proposalActivity, readActivity, receiptActivity } from '../../ledger/activity.js';
import { listLimit, newestFirst, validateFilter } from '../../ledger/filters.js';
import {
  matchEvent,
  matchEvidence,
  matchProposal,
  matchQueryAudit,
  matchReceipt,
  type MatchLookup,
} from '../../ledger/match.js';
import type { EvidenceBundle, ExecutionReceipt, LedgerEvent, ProposalRecord, QueryAuditRecord } from '../../records/index.js';
import type { MemoryTables } from './tables.js';

/** Search/list methods of the memory fake, using core's shared filter predicates. */
export class MemoryLists {
  private readonly lookup: MatchLookup;

  constructor(private readonly t: MemoryTables) {
    this.lookup = {
      proposal: (id) => t.proposal(id),
      proposalOfReceipt: (id) => t.receiptRows.get(id)?.proposal_id ?? null,
      proposalsOfEvidence: (id) => {
        const bundle = t.evidenceRows.get(id);
        const owners = [...t.proposals.values()].filter((p) => p.evidence_bundle_id === id).map((p) => p.proposal_id);
        return bundle?.proposal_id ? [...owners, bundle.proposal_id] : owners;
      },
    };
  }

  private page<T>(items: Iterable<T>, match: (item: T) => boolean, at: (item: T) => string, f: LedgerFilter): T[] {
    const limit = validateFilter(f);
    return newestFirst([...items].filter(match), at).slice(0, limit).map((item) => structuredClone(item));
  }

  proposals(f: LedgerFilter = {}): ProposalRecord[] {
    return this.page(this.t.proposals.values(), (p) => matchProposal(p, f, this.lookup), (p) => p.created_at, f);
  }

  evidence(f: LedgerFilter = {}, onlyUnlinked = false): EvidenceBundle[] {
    const match = (e: EvidenceBundle) => (!onlyUnlinked || e.proposal_id === null) && matchEvidence(e, f, this.lookup);
    return this.page(this.t.evidenceRows.values(), match, (e) => e.created_at, f);
  }

  queryAudit(f: LedgerFilter = {}, onlyUnlinkedNotFound = false): QueryAuditRecord[] {
    const match = (qa: QueryAuditRecord) =>
      (!onlyUnlinkedNotFound || (qa.proposal_id === null && qa.outcome === 'not_found')) &&
      matchQueryAudit(qa, f, this.lookup);
    return this.page(this.t.auditRows.values(), match, (qa) => qa.created_at, f);
  }

  receipts(f: LedgerFilter = {}): ExecutionReceipt[] {
    return this.page(this.t.receiptRows.values(), (r) => matchReceipt(r, f, this.lookup), (r) => r.executed_at, f);
  }

  /** Ascending `seq`: the first n after `since_seq` when given (paging), else the latest n. */
  events(f: LedgerFilter = {}): LedgerEvent[] {
    const limit = validateFilter(f);
    const matching = this.t.events.filter((e) => matchEvent(e, f, this.lookup));
    const page = f.since_seq === undefined ? matching.slice(-limit) : matching.slice(0, limit);
    return page.map((e) => structuredClone(e));
  }

  activity(f: LedgerFilter = {}): ActivityItem[] {
    const receipts = this.receipts(f).map((r) => receiptActivity(r, this.t.proposal(r.proposal_id)));
    return mergeActivity(
      [
        this.proposals(f).map(proposalActivity),
        this.evidence(f, true).map(readActivity),
        this.queryAudit(f, true).map(notFoundActivity),
        receipts,
      ],
      listLimit(f),
    );
  }
}
