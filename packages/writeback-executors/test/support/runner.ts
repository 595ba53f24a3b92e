import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerStore, SourceAdapter } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';
import type { ApplyOptions } from '../../src/index.js';
import type { TestDatabase } from './databases.js';
import { createAdapter, runnerEnv } from './engines.js';
import { makeConfig, SOURCE } from './fixtures.js';
import { createProposer, type Proposer } from './ledger.js';

export interface Runner {
  /** The SQLite ledger file, shared with child processes. */
  storePath: string;
  store: LedgerStore;
  adapter: SourceAdapter;
  env: Record<string, string>;
  proposer: Proposer;
  options(extra?: Partial<ApplyOptions>): ApplyOptions;
  close(): Promise<void>;
}

/**
 * The product's pieces around a scratch database: a SQLite ledger in a temp dir, the engine's
 * adapter (reads for proposals, guarded updates for apply) and the runner env.
 */
export async function openRunner(t: TestDatabase, extraEnv: Record<string, string> = {}): Promise<Runner> {
  const dir = mkdtempSync(join(tmpdir(), 'synapsor-wbx-'));
  const storePath = join(dir, 'ledger.db');
  const env: Record<string, string> = { ...runnerEnv(t.traits.name, t.schema), ...extraEnv };
  const adapter = createAdapter(t.traits.name, t.schema, env);
  const store = await openSqliteStore({ path: storePath });
  const config = makeConfig({ schema: t.schema, engine: t.traits.name });
  const proposer = createProposer({ store, source: adapter, config, env });
  return {
    storePath,
    store,
    adapter,
    env,
    proposer,
    options: (extra = {}) => ({ config, store, sources: { [SOURCE]: adapter }, actor: 'billing.lead', env, ...extra }),
    async close() {
      await adapter.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
