/**
 * `openSqliteStore({path, thread: 'worker'})`: the same `LedgerStore`, with the better-sqlite3
 * connection in a worker thread. The synchronous SQLite work (B-tree inserts, WAL commit) then
 * runs on another core instead of blocking every other session on the event loop. The worker
 * runs the in-thread store itself (`ledger-worker.ts`); this side only forwards calls.
 */
import type { LedgerStore } from '@synapsor/core';
import { createProposalRemotely, type RemoteProposalReply } from './remote-proposal.js';
import type { WorkerOpenData } from './thread-protocol.js';
import { WorkerLink } from './worker-link.js';

export interface WorkerThreadOptions {
  path: string;
  thread: 'worker';
  busyTimeoutMs?: number;
  /**
   * The built worker entry. Default `./ledger-worker.js` next to this module, which is where
   * this package's `dist/` and the CLI bundle put it; tests pass a bundled one.
   */
  workerScript?: string | URL;
  /** The worker's clock always returns this ISO instant (tests); default the system clock. */
  fixedNow?: string;
  /** Not accepted: functions cannot cross threads (the worker uses the system clock / CSPRNG). */
  clock?: never;
  random?: never;
}

/** Methods forwarded as they are: plain data in, plain data out. */
const FORWARDED = [
  'recordRead', 'getProposal', 'latestProposalId', 'decide', 'expireDue', 'claimWriteback', 'recordReceipt',
  'appendEvent', 'getEvidence', 'getQueryAudit', 'getReceipt', 'getJob', 'listApprovals', 'listReceiptsFor',
  'listProposals', 'listEvidence', 'listQueryAudit', 'listReceipts', 'listEvents', 'activity', 'replay',
  'getState', 'setState', 'stats', 'verify', 'vacuum', 'prune',
] as const satisfies ReadonlyArray<keyof LedgerStore>;

/** Lets a test reach the worker (e.g. to kill it); not part of the API. */
export const WORKER_LINK = Symbol.for('synapsor.store-sqlite.worker-link');

export async function openWorkerStore(options: WorkerThreadOptions): Promise<LedgerStore & { readonly path: string }> {
  if (options.clock !== undefined || options.random !== undefined) {
    throw new TypeError('openSqliteStore: clock and random cannot cross to the worker thread; use fixedNow or the in-thread store');
  }
  const data: WorkerOpenData = { path: options.path };
  if (options.busyTimeoutMs !== undefined) data.busyTimeoutMs = options.busyTimeoutMs;
  if (options.fixedNow !== undefined) data.fixedNow = options.fixedNow;
  const link = await WorkerLink.open(options.workerScript ?? new URL('./ledger-worker.js', import.meta.url), data);

  const forwarded = Object.fromEntries(FORWARDED.map((method) => [method, (...args: unknown[]) => link.call(method, args)]));
  const store = {
    ...(forwarded as Pick<LedgerStore, (typeof FORWARDED)[number]>),
    path: options.path,
    createProposal: (input) =>
      createProposalRemotely(input, (round) => link.call('createProposal', [round]) as Promise<RemoteProposalReply>),
    // Like the in-thread store: the ledger is gone and the store closed once reset succeeds.
    reset: async (opts) => {
      await link.call('reset', [opts]);
      await link.terminate();
    },
    // FIFO: every call issued before close reaches the worker first, and close commits them.
    close: async () => {
      const closing = link.call('close', []);
      link.refuse();
      try {
        await closing;
      } catch {
        // Closed twice, or the worker already died: either way it is closed now.
      }
      await link.terminate();
    },
  } satisfies LedgerStore & { readonly path: string };
  Object.defineProperty(store, WORKER_LINK, { value: link });
  return store;
}
