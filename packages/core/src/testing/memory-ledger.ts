import { SynapsorError } from '../errors/index.js';
import type { Clock, RandomSource } from '../ids/index.js';
import { newId } from '../ids/index.js';
import { ChainVerifier } from '../ledger/chain.js';
import { buildReplay } from '../ledger/replay.js';
import { appendEventOp } from '../ledger/ops/append.js';
import { createProposalOp } from '../ledger/ops/create-proposal.js';
import { decideOp } from '../ledger/ops/decide.js';
import { expireDueOp, touchProposalOp } from '../ledger/ops/expire.js';
import { pruneOp, setStateOp } from '../ledger/ops/maintenance.js';
import { unwrapOutcome } from '../ledger/ops/outcome.js';
import { recordReadOp } from '../ledger/ops/record-read.js';
import { claimWritebackOp, recordReceiptOp } from '../ledger/ops/writeback.js';
import { evidenceBreak, proposalBreak, queryAuditBreak, receiptBreak, verifyResult, type RecordBreak } from '../ledger/verify.js';
import type { LedgerStore, StoreStats } from '../ports/ledger-store.js';
import type { ProposalState } from '../records/index.js';
import { MemoryLists } from './memory/lists.js';
import { MemoryTables } from './memory/tables.js';

export interface MemoryLedgerOptions {
  /** Used for expiry-on-touch in `getProposal`; default a fixed instant (deterministic fake). */
  clock?: Clock;
  /** Ids of store-emitted events; default a deterministic counter (a fake needs no CSPRNG). */
  random?: RandomSource;
}

const FIXED_CLOCK: Clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };

function counterRandom(): RandomSource {
  let counter = 0;
  return (bytes) => {
    counter += 1;
    const out = new Uint8Array(bytes);
    for (let i = 0, n = counter; i < bytes && n > 0; i += 1, n = Math.floor(n / 256)) out[bytes - 1 - i] = n % 256;
    return out;
  };
}

export type MemoryLedgerStore = LedgerStore & { readonly path: ':memory:' };

/**
 * A complete `LedgerStore` in memory for tests. It runs the same core operations as the
 * SQLite store (rules, transitions, secret scan, hashing, replay) over in-memory tables.
 */
export function createMemoryLedgerStore(options: MemoryLedgerOptions = {}): MemoryLedgerStore {
  const clock = options.clock ?? FIXED_CLOCK;
  const random = options.random ?? counterRandom();
  const tables = new MemoryTables(() => newId('evt', random));
  const lists = new MemoryLists(tables);
  let closed = false;

  const use = async <T>(fn: () => T): Promise<T> => {
    if (closed) throw new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'The local store is closed');
    return fn();
  };
  const write = <T>(fn: () => T) => use(() => tables.run(fn));

  return {
    path: ':memory:',
    recordRead: (input) => write(() => recordReadOp(tables, input)),
    createProposal: (input) => write(() => createProposalOp(tables, input)),
    getProposal: (id) => write(() => touchProposalOp(tables, id, clock.now().toISOString())),
    latestProposalId: () => use(() => tables.latestProposalId()),
    decide: (input) => write(() => decideOp(tables, input)).then(unwrapOutcome),
    expireDue: (now) => write(() => expireDueOp(tables, now)),
    claimWriteback: (input) => write(() => claimWritebackOp(tables, input)).then(unwrapOutcome),
    recordReceipt: (input) => write(() => recordReceiptOp(tables, input)),
    appendEvent: (event) => write(() => appendEventOp(tables, event)),
    getEvidence: (id) => use(() => tables.evidence(id)),
    getQueryAudit: (id) => use(() => tables.queryAudit(id)),
    getReceipt: (id) => use(() => structuredClone(tables.receiptRows.get(id) ?? null)),
    getJob: (id) => use(() => tables.job(id)),
    listApprovals: (id) => use(() => tables.approvals(id)),
    listReceiptsFor: (id) => use(() => tables.receipts(id)),
    listProposals: (f) => use(() => lists.proposals(f)),
    listEvidence: (f) => use(() => lists.evidence(f)),
    listQueryAudit: (f) => use(() => lists.queryAudit(f)),
    listReceipts: (f) => use(() => lists.receipts(f)),
    listEvents: (f) => use(() => lists.events(f)),
    activity: (f) => use(() => lists.activity(f)),
    replay: (id, now) => use(() => buildReplay(tables, id, now)),
    getState: (key) => use(() => structuredClone(tables.state.get(key)?.value ?? null)),
    setState: (key, value, now) => write(() => setStateOp(tables, key, value, now)),
    stats: () => use(() => memoryStats(tables)),
    verify: () => use(() => memoryVerify(tables)),
    vacuum: () => use(() => ({ bytes_before: 0, bytes_after: 0 })),
    prune: (input) => write(() => pruneOp(tables, input)),
    reset: () => use(() => {
      throw new SynapsorError('STORE_RESET_REFUSED', 'An in-memory store cannot be reset; discard it instead');
    }),
    close: async () => {
      closed = true;
    },
  };
}

function memoryStats(t: MemoryTables): StoreStats {
  const byState: Partial<Record<ProposalState, number>> = {};
  for (const p of t.proposals.values()) byState[p.state] = (byState[p.state] ?? 0) + 1;
  const items = [...t.evidenceRows.values()].reduce((sum, e) => sum + e.items.length, 0);
  return {
    schema_version: 0,
    path: ':memory:',
    bytes: 0,
    page_count: 0,
    page_size: 0,
    counts: {
      proposals: t.proposals.size,
      proposal_events: t.events.length,
      approvals: t.approvalRows.length,
      evidence_bundles: t.evidenceRows.size,
      evidence_items: items,
      query_audit: t.auditRows.size,
      writeback_jobs: t.jobs.size,
      receipts: t.receiptRows.size,
      replay_records: 0,
      runner_state: t.state.size,
    },
    proposals_by_state: byState,
    chain_head: t.head(),
    lease: null,
  };
}

function memoryVerify(t: MemoryTables) {
  const chain = new ChainVerifier();
  for (const event of t.events) chain.push(event);
  const breaks = [
    ...[...t.proposals.values()].map(proposalBreak),
    ...[...t.evidenceRows.values()].map(evidenceBreak),
    ...[...t.auditRows.values()].map(queryAuditBreak),
    ...[...t.receiptRows.values()].map(receiptBreak),
  ].filter((b): b is RecordBreak => b !== null);
  return verifyResult(chain.report(), breaks);
}
