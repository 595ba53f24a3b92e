// In-process wiring of a workspace (config → PostgreSQL adapter → runtime), the same composition
// the CLI does in support/runtime.ts and support/apply.ts. Used to split a stdio figure into
// transport vs runtime vs ledger, and by apply-rate to run `apply` with one long-lived adapter.
import { readFileSync } from 'node:fs';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import { createRuntime, validateConfig } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';

export function loadWorkspaceConfig(workspace) {
  const result = validateConfig(JSON.parse(readFileSync(workspace.configPath, 'utf8')));
  if (!result.ok) throw new Error('the rewritten reference config does not validate');
  return result.config;
}

/** The reference config has one source, `app_postgres`. */
export function createReferenceAdapter(workspace, config) {
  const source = config.sources.app_postgres;
  return createPostgresAdapter({
    sourceId: 'app_postgres',
    readUrlEnv: source.read_url_env,
    writeUrlEnv: source.write_url_env,
    statementTimeoutMs: source.statement_timeout_ms,
    poolMax: source.pool_max,
    receiptsSchema: source.receipts_schema,
    env: workspace.env,
  });
}

/** `{runtime, close()}` on a ledger at `storePath` (':memory:' allowed). */
export async function createInProcessRuntime(workspace, storePath) {
  const config = loadWorkspaceConfig(workspace);
  const adapter = createReferenceAdapter(workspace, config);
  const store = await openSqliteStore({ path: storePath });
  const runtime = await createRuntime({ config, env: workspace.env, sources: { app_postgres: adapter }, store });
  return { runtime, close: () => runtime.close() };
}
