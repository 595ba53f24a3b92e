import type { SqliteLedgerStore } from '@synapsor/store-sqlite';
import type { GlobalOptions } from './command.js';
import type { LoadedConfig } from './config-file.js';
import { refusalsAsFailures } from './errors.js';
import type { CliIo } from './io.js';
import { resolveStorePath } from './store-path.js';

/**
 * The store package (and better-sqlite3's native addon) is imported when a command first opens
 * a ledger, so commands that never touch one start without it (cold start, docs/performance.md).
 */
async function openStore(path: string): Promise<SqliteLedgerStore> {
  const { openSqliteStore } = await import('@synapsor/store-sqlite');
  return refusalsAsFailures(() => openSqliteStore({ path }));
}

export interface OpenedStore {
  store: SqliteLedgerStore;
  path: string;
}

/**
 * Opens the ledger at the resolved path (`--store` > env > config > default). Store refusals
 * (`STORE_CORRUPT`, `STORE_SCHEMA_TOO_NEW`, …) exit 1 with their code.
 */
export async function openLedger(io: CliIo, globals: GlobalOptions, config?: LoadedConfig): Promise<OpenedStore> {
  const path = resolveStorePath(io, globals.store, config);
  return { store: await openStore(path), path };
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
