import type BetterSqlite3 from 'better-sqlite3';
import {
  SynapsorError,
  appendEventOp,
  buildReplay,
  claimWritebackOp,
  createProposalOp,
  decideOp,
  expireDueOp,
  isExpiryDue,
  listLimit,
  mergeActivity,
  newId,
  notFoundActivity,
  proposalActivity,
  pruneOp,
  readActivity,
  receiptActivity,
  recordReadOp,
  recordReceiptOp,
  setStateOp,
  systemClock,
  systemRandom,
  touchProposalOp,
  unwrapOutcome,
  type Clock,
  type LedgerStore,
  type RandomSource,
} from '@synapsor/core';
import { guarded, toStoreError } from './errors.js';
import { MEMORY_PATH, resetSqliteStore, storeBytes, storeFileExists } from './files.js';
import { stats, verify } from './inspect.js';
import { assertNoLiveLease } from './lease.js';
import { createGroupCommit } from './group-commit.js';
import { openDatabase } from './open.js';
import { SqliteSearch } from './search.js';
import { SqliteTx } from './sqlite-tx.js';
import { Statements } from './statements.js';

export interface OpenSqliteStoreOptions {
  /** File path or `:memory:`. */
  path: string;
  /** For expiry-on-touch in `getProposal`; default the system clock. */
  clock?: Clock;
  /** Ids of store-emitted events; default core's pooled CSPRNG. */
  random?: RandomSource;
  /** Default 5000 ms; after it a locked ledger answers `LEDGER_BUSY`. */
  busyTimeoutMs?: number;
}

export type SqliteLedgerStore = LedgerStore & { readonly path: string };

/** `LedgerStore` on better-sqlite3; async interface over the synchronous driver. */
export async function openSqliteStore(options: OpenSqliteStoreOptions): Promise<SqliteLedgerStore> {
  const { path } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const db = openDatabase(path, options.busyTimeoutMs);
  const s = new Statements(db);
  const tx = new SqliteTx(s, () => newId('evt', random));
  const search = new SqliteSearch(s, tx);
  const runner = db.transaction((fn: () => unknown) => fn());
  let open = true;

  const use = <T>(fn: () => T): T =>
    guarded(() => {
      if (!open) throw new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'The local store is closed');
      // A deleted file would otherwise keep taking writes into an unlinked inode.
      if (!storeFileExists(path)) throw new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'The local store is unavailable');
      return fn();
    });
  const commits = createGroupCommit({
    transaction: (body) => use(() => runner.immediate(body)),
    // A transaction function called inside a transaction runs as a savepoint (better-sqlite3).
    savepoint: (fn) => runner(fn) as ReturnType<typeof fn>,
    toError: toStoreError,
  });
  const write = <T>(fn: () => T): Promise<T> => commits.enqueue(fn);
  // Pending writes commit first, so a read sees every write issued before it.
  const read = async <T>(fn: () => T): Promise<T> => {
    commits.flush();
    return use(() => runner.deferred(fn) as T);
  };
  const closeDb = (database: BetterSqlite3.Database) => {
    if (open) {
      commits.flush();
      database.close();
    }
    open = false;
  };

  return {
    path,
    recordRead: (input) => write(() => recordReadOp(tx, input)),
    createProposal: (input) => write(() => createProposalOp(tx, input)),
    getProposal: async (id) => {
      const now = clock.now().toISOString();
      const found = await read(() => tx.proposal(id));
      return found && isExpiryDue(found, now) ? write(() => touchProposalOp(tx, id, now)) : found;
    },
    latestProposalId: () => read(() => tx.latestProposalId()),
    decide: (input) => write(() => decideOp(tx, input)).then(unwrapOutcome),
    expireDue: (now) => write(() => expireDueOp(tx, now)),
    claimWriteback: (input) => write(() => claimWritebackOp(tx, input)).then(unwrapOutcome),
    recordReceipt: (input) => write(() => recordReceiptOp(tx, input)),
    appendEvent: (event) => write(() => appendEventOp(tx, event)),
    getEvidence: (id) => read(() => tx.evidence(id)),
    getQueryAudit: (id) => read(() => tx.queryAudit(id)),
    getReceipt: (id) => read(() => tx.receipt(id)),
    getJob: (id) => read(() => tx.job(id)),
    listApprovals: (id) => read(() => tx.approvals(id)),
    listReceiptsFor: (id) => read(() => tx.receipts(id)),
    listProposals: (f) => read(() => search.proposals(f)),
    listEvidence: (f) => read(() => search.evidence(f)),
    listQueryAudit: (f) => read(() => search.queryAudit(f)),
    listReceipts: (f) => read(() => search.receipts(f)),
    listEvents: (f) => read(() => search.events(f)),
    activity: (f = {}) =>
      read(() =>
        mergeActivity(
          [
            search.proposals(f).map(proposalActivity),
            search.evidence(f, true).map(readActivity),
            search.queryAudit(f, true).map(notFoundActivity),
            search.receipts(f).map((r) => receiptActivity(r, tx.proposal(r.proposal_id))),
          ],
          listLimit(f),
        ),
      ),
    replay: (id, now) => read(() => buildReplay(tx, id, now)),
    getState: (key) => read(() => tx.getState(key)),
    setState: (key, value, now) => write(() => setStateOp(tx, key, value, now)),
    stats: () => read(() => stats(s, tx, path)),
    verify: () => read(() => verify(s, tx)),
    vacuum: async (opts = {}) =>
      use(() => {
        commits.flush();
        assertNoLiveLease(path, opts.force);
        const before = storeBytes(path);
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.exec('VACUUM');
        db.pragma('wal_checkpoint(TRUNCATE)');
        return { bytes_before: before, bytes_after: storeBytes(path) };
      }),
    prune: async (input) => {
      if (!input.dryRun) use(() => assertNoLiveLease(path, input.force));
      return write(() => pruneOp(tx, input));
    },
    reset: async (opts = {}) => {
      if (path === MEMORY_PATH) throw new SynapsorError('STORE_RESET_REFUSED', 'An in-memory store cannot be reset');
      guarded(() => assertNoLiveLease(path, opts.force));
      closeDb(db);
      guarded(() => resetSqliteStore({ path, force: true }));
    },
    close: async () => closeDb(db),
  };
}
