import type { SqliteLedgerStore } from '@synapsor/store-sqlite';
import type { GlobalOptions } from './command.js';
import type { LoadedConfig } from './config-file.js';
import { refusalsAsFailures } from './errors.js';
import type { CliIo } from './io.js';
import { resolveStorePath } from './store-path.js';

/**
 * Where the ledger connection lives. `main`: in this thread (every command). `worker`: a worker
 * thread, so SQLite's synchronous writes leave the event loop free for other sessions.
 */
export type StoreThread = 'main' | 'worker';

/**
 * The serving commands (`mcp serve*`, `up --serve`) use the worker only with
 * `SYNAPSOR_STORE_THREAD=worker`. Measured on the 2-core bench machine (store-sqlite README), the
 * extra thread hop cost more CPU and latency than it freed on the event loop while the bench's
 * clients and PostgreSQL share the cores; it pays off only when the server's event loop is
 * saturated and a core is idle. Every other command always opens the store in this thread.
 */
export function servingStoreThread(env: Record<string, string | undefined>): StoreThread {
  return env['SYNAPSOR_STORE_THREAD'] === 'worker' ? 'worker' : 'main';
}

/**
 * The store package (and better-sqlite3's native addon) is imported when a command first opens
 * a ledger, so commands that never touch one start without it (cold start, docs/performance.md).
 */
async function openStore(path: string, thread: StoreThread = 'main'): Promise<SqliteLedgerStore> {
  const { openSqliteStore } = await import('@synapsor/store-sqlite');
  return refusalsAsFailures(() => openSqliteStore(thread === 'worker' ? { path, thread } : { path }));
}

export interface OpenedStore {
  store: SqliteLedgerStore;
  path: string;
}

/**
 * Opens the ledger at the resolved path (`--store` > env > config > default). Store refusals
 * (`STORE_CORRUPT`, `STORE_SCHEMA_TOO_NEW`, …) exit 1 with their code.
 */
export async function openLedger(io: CliIo, globals: GlobalOptions, config?: LoadedConfig, thread: StoreThread = 'main'): Promise<OpenedStore> {
  const path = resolveStorePath(io, globals.store, config);
  return { store: await openStore(path, thread), path };
}

/** Runs `fn` with the store at `path` open, and always closes it; refusals become CLI outcomes. */
export async function withStoreAt<T>(path: string, fn: (store: SqliteLedgerStore) => Promise<T>): Promise<T> {
  const store = await openStore(path);
  try {
    return await refusalsAsFailures(() => fn(store));
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Runs `fn` with an open ledger (created when missing) and always closes it. */
export async function withLedger<T>(
  io: CliIo,
  globals: GlobalOptions,
  config: LoadedConfig | undefined,
  fn: (opened: OpenedStore) => Promise<T>,
): Promise<T> {
  const path = resolveStorePath(io, globals.store, config);
  return withStoreAt(path, (store) => fn({ store, path }));
}
