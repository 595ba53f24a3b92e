import { createMysqlAdapter } from '@synapsor/adapters-mysql';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import type { RunnerConfig, SourceAdapter, SourceConfig } from '@synapsor/core';

export type EnvMap = Readonly<Record<string, string | undefined>>;

function adapterFor(sourceId: string, source: SourceConfig, env: EnvMap): SourceAdapter {
  const ssl = source.ssl
    ? {
        rejectUnauthorized: source.ssl.reject_unauthorized,
        ...(source.ssl.ca_env && env[source.ssl.ca_env] ? { ca: env[source.ssl.ca_env] as string } : {}),
      }
    : undefined;
  const options = {
    sourceId,
    readUrlEnv: source.read_url_env,
    ...(source.write_url_env ? { writeUrlEnv: source.write_url_env } : {}),
    statementTimeoutMs: source.statement_timeout_ms,
    poolMax: source.pool_max,
    ...(source.receipts_schema ? { receiptsSchema: source.receipts_schema } : {}),
    ...(ssl ? { ssl } : {}),
    env,
  };
  return source.engine === 'postgres' ? createPostgresAdapter(options) : createMysqlAdapter(options);
}

/**
 * One adapter per configured source (nothing connects until first use). Shared by every
 * command that reads or writes a source database: serve, smoke, propose, apply, demo.
 */
export function createSourceAdapters(config: RunnerConfig, env: EnvMap): Record<string, SourceAdapter> {
  const adapters: Record<string, SourceAdapter> = {};
  for (const [sourceId, source] of Object.entries(config.sources)) adapters[sourceId] = adapterFor(sourceId, source, env);
  return adapters;
}

export async function closeSourceAdapters(adapters: Record<string, SourceAdapter>): Promise<void> {
  await Promise.allSettled(Object.values(adapters).map((adapter) => adapter.close()));
}
