import type { ReplayDocument } from '../ports/ledger-store.js';
import type { EvidenceBundle, LedgerEvent, ProposalRecord, QueryAuditRecord } from '../records/index.js';
import { linksTo } from './chain.js';
import { changeSetIntact, evidenceIntact, queryAuditIntact, receiptIntact } from './record-hashes.js';
import type { LedgerReadTx } from './tx.js';

export const REPLAY_PREFIX = 'replay_';

/** `replay_<id>` → `<id>`; anything else unchanged. */
export function replaySubjectId(id: string): string {
  return id.startsWith(REPLAY_PREFIX) ? id.slice(REPLAY_PREFIX.length) : id;
}

/** Each subject event re-hashes and links to the event just before it in the global chain. */
function eventsLinked(tx: LedgerReadTx, events: LedgerEvent[]): boolean {
  return events.every((event) => linksTo(event, event.seq > 1 ? tx.eventBySeq(event.seq - 1) : null));
}

function uniqueById<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function proposalReplay(tx: LedgerReadTx, proposal: ProposalRecord, now: string): ReplayDocument {
  const id = proposal.proposal_id;
  const primary = tx.evidence(proposal.evidence_bundle_id);
  const evidence = uniqueById(
    [...(primary ? [primary] : []), ...tx.evidenceForProposal(id)],
    (bundle) => bundle.evidence_bundle_id,
  );
  const audits = tx.queryAuditForProposal(id);
  const events = tx.eventsForProposal(id);
  const job = tx.job(id);
  const receipts = tx.receipts(id);
  return {
    schema_version: 'synapsor.replay.v1',
    replay_id: `${REPLAY_PREFIX}${id}`,
    subject: { kind: 'proposal', id },
    generated_at: now,
    proposal,
    events,
    approvals: tx.approvals(id),
    evidence,
    query_audit: audits,
    writeback_jobs: job ? [job] : [],
    receipts,
    integrity: {
      proposal_hash_ok: changeSetIntact(proposal.change_set, proposal.proposal_hash),
      evidence_hashes_ok: evidence.every(evidenceIntact) && audits.every(queryAuditIntact),
      receipt_hashes_ok: receipts.every(receiptIntact),
      chain_ok: eventsLinked(tx, events),
      head_hash: tx.head().hash,
    },
  };
}

function readReplay(tx: LedgerReadTx, bundle: EvidenceBundle, now: string): ReplayDocument {
  const audit = tx.queryAudit(bundle.query_audit_id);
  const audits: QueryAuditRecord[] = audit ? [audit] : [];
  const event = tx.readEventFor(bundle);
  const events = event ? [event] : [];
  return {
    schema_version: 'synapsor.replay.v1',
    replay_id: `${REPLAY_PREFIX}${bundle.evidence_bundle_id}`,
    subject: { kind: 'read', id: bundle.evidence_bundle_id },
    generated_at: now,
    proposal: null,
    events,
    approvals: [],
    evidence: [bundle],
    query_audit: audits,
    writeback_jobs: [],
    receipts: [],
    integrity: {
      proposal_hash_ok: null,
      evidence_hashes_ok: evidenceIntact(bundle) && audits.every(queryAuditIntact),
      receipt_hashes_ok: true,
      chain_ok: eventsLinked(tx, events),
      head_hash: tx.head().hash,
    },
  };
}

/**
 * `synapsor.replay.v1` for a proposal id, `replay_<id>`, `latest`, or an evidence bundle id
 * (a bundle linked to a proposal replays that proposal). `null` when unknown. Writes nothing.
 */
export function buildReplay(tx: LedgerReadTx, id: string, now: string): ReplayDocument | null {
  const subject = id === 'latest' ? tx.latestProposalId() : replaySubjectId(id);
  if (subject === null) return null;
  const proposal = tx.proposal(subject);
  if (proposal) return proposalReplay(tx, proposal, now);
  const bundle = tx.evidence(subject);
  if (!bundle) return null;
  if (bundle.proposal_id) {
    const owner = tx.proposal(bundle.proposal_id);
    if (owner) return proposalReplay(tx, owner, now);
  }
  return readReplay(tx, bundle, now);
}
