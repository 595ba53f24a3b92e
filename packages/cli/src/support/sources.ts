import type { MysqlAdapterOptions } from '@synapsor/adapters-mysql';
import type { PostgresAdapterOptions } from '@synapsor/adapters-postgres';
import type { Engine, RunnerConfig, SourceAdapter, SourceConfig } from '@synapsor/core';

export type EnvMap = Readonly<Record<string, string | undefined>>;

/** What the CLI passes is valid for either engine (it never sets an engine-specific logger). */
export type AdapterOptions = PostgresAdapterOptions & MysqlAdapterOptions;
type AdapterFactory = (options: AdapterOptions) => SourceAdapter;

/**
 * The adapter package of one engine, imported on first use: each pulls its driver and kysely,
 * and a command whose config names only PostgreSQL must not pay for MySQL (cold start, see
 * docs/performance.md). Shared with `inspect`/`init`, which pick the engine from a URL.
 */
export async function adapterFactory(engine: Engine): Promise<AdapterFactory> {
  if (engine === 'postgres') return (await import('@synapsor/adapters-postgres')).createPostgresAdapter;
  return (await import('@synapsor/adapters-mysql')).createMysqlAdapter;
}

function adapterOptions(sourceId: string, source: SourceConfig, env: EnvMap): AdapterOptions {
  const ssl = source.ssl
    ? {
        rejectUnauthorized: source.ssl.reject_unauthorized,
        ...(source.ssl.ca_env && env[source.ssl.ca_env] ? { ca: env[source.ssl.ca_env] as string } : {}),
      }
    : undefined;
  return {
    sourceId,
    readUrlEnv: source.read_url_env,
    ...(source.write_url_env ? { writeUrlEnv: source.write_url_env } : {}),
    statementTimeoutMs: source.statement_timeout_ms,
    poolMax: source.pool_max,
    ...(source.receipts_schema ? { receiptsSchema: source.receipts_schema } : {}),
    ...(ssl ? { ssl } : {}),
    env,
  };
}

/**
 * One adapter per configured source (nothing connects until first use). Shared by every
 * command that reads or writes a source database: serve, smoke, propose, apply, demo.
 */
export async function createSourceAdapters(config: RunnerConfig, env: EnvMap): Promise<Record<string, SourceAdapter>> {
  const adapters: Record<string, SourceAdapter> = {};
  for (const [sourceId, source] of Object.entries(config.sources)) {
    adapters[sourceId] = (await adapterFactory(source.engine))(adapterOptions(sourceId, source, env));
  }
  return adapters;
}

export async function closeSourceAdapters(adapters: Record<string, SourceAdapter>): Promise<void> {
  await Promise.allSettled(Object.values(adapters).map((adapter) => adapter.close()));
}
