import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqliteLedgerStore } from '@synapsor/store-sqlite';
import { resolveConfigPath, validateConfigFile, type LoadedConfig } from './config-file.js';
import { usageError } from './errors.js';
import type { CliIo } from './io.js';
import { resolveStorePath } from './store-path.js';
import { withStoreAt } from './store.js';

export interface StoreFlags {
  config?: string;
  store?: string;
}

/**
 * The ledger path for commands that only need the store. The config is consulted only for
 * `storage.sqlite_path` when neither `--store` nor `SYNAPSOR_LOCAL_STORE` decide, and only if a
 * config file is present; an invalid config falls back to the default path with a warning.
 */
export async function ledgerPath(io: CliIo, flags: StoreFlags): Promise<string> {
  if (flags.store ?? io.env.SYNAPSOR_LOCAL_STORE) return resolveStorePath(io, flags.store);
  const explicit = flags.config ?? io.env.SYNAPSOR_MCP_CONFIG;
  if (explicit === undefined && !existsSync(resolveConfigPath(io, undefined))) return resolveStorePath(io, undefined);
  const result = await validateConfigFile(io, flags.config);
  if (!result.ok || !result.config) {
    io.stderr('warning: config invalid; using the default store path (run `synapsor-runner config validate`)\n');
    return resolveStorePath(io, undefined);
  }
  const loaded: LoadedConfig = { path: result.path, dir: dirname(result.path), config: result.config, warnings: [] };
  return resolveStorePath(io, undefined, loaded);
}

/**
 * Opens an existing ledger for one command and always closes it. A missing file is a usage
 * error: inspection commands must not create an empty ledger as a side effect.
 */
export async function withLedger<T>(
  io: CliIo,
  flags: StoreFlags,
  run: (store: SqliteLedgerStore, path: string) => Promise<T>,
): Promise<T> {
  const path = await ledgerPath(io, flags);
  if (path !== ':memory:' && !existsSync(path)) {
    throw usageError('STORE_NOT_FOUND', `no ledger at ${path} (set --store or SYNAPSOR_LOCAL_STORE)`);
  }
  return withStoreAt(path, (store) => run(store, path));
}
