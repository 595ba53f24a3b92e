import { openSqliteStore, type SqliteLedgerStore } from '@synapsor/store-sqlite';
import type { GlobalOptions } from './command.js';
import type { LoadedConfig } from './config-file.js';
import { refusalsAsFailures } from './errors.js';
import type { CliIo } from './io.js';
import { resolveStorePath } from './store-path.js';

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
  const store = await refusalsAsFailures(() => openSqliteStore({ path }));
  return { store, path };
}

/** Runs `fn` with an open ledger and always closes it. */
export async function withLedger<T>(
  io: CliIo,
  globals: GlobalOptions,
  config: LoadedConfig | undefined,
  fn: (opened: OpenedStore) => Promise<T>,
): Promise<T> {
  const opened = await openLedger(io, globals, config);
  try {
    return await refusalsAsFailures(() => fn(opened));
  } finally {
    await opened.store.close();
  }
}
