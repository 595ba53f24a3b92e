import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REFERENCE_DIR } from './cli.js';

export const POSTGRES_URL = process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Reachability of the test PostgreSQL. Unreachable: under CI=true the suite fails with the fix;
 * else it is skipped with one loud line (cli.md "Environment variables").
 */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('PostgreSQL for integration tests is unreachable: run `bash .ci/ensure-databases`');
    console.warn('!!! SKIPPING PostgreSQL integration tests: database unreachable (set SYNAPSOR_TEST_POSTGRES_URL) !!!');
    return false;
  }
}

export interface ScratchReference {
  schema: string;
  configPath: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * The reference app in a scratch schema (random suffix): schema.sql + seed.sql loaded with
 * search_path set to it, and the reference config rewritten to target it (receipts too).
 */
export async function createScratchReference(dir: string): Promise<ScratchReference> {
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  await client.query(readFileSync(join(REFERENCE_DIR, 'schema.sql'), 'utf8'));
  await client.query(readFileSync(join(REFERENCE_DIR, 'seed.sql'), 'utf8'));
  const config = JSON.parse(readFileSync(join(REFERENCE_DIR, 'synapsor.runner.json'), 'utf8')) as {
    sources: Record<string, { receipts_schema?: string }>;
    capabilities: Array<{ target: { schema: string } }>;
  };
  for (const capability of config.capabilities) capability.target.schema = schema;
  for (const source of Object.values(config.sources)) source.receipts_schema = schema;
  const configPath = join(dir, 'synapsor.runner.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  return {
    schema,
    configPath,
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    drop: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Reader and writer URLs must differ (credential split): distinct application names. */
export function referenceEnv(): Record<string, string> {
  const url = new URL(POSTGRES_URL);
  const reader = new URL(url);
  reader.searchParams.set('application_name', 'cli_reader');
  const writer = new URL(url);
  writer.searchParams.set('application_name', 'cli_writer');
  return {
    REFERENCE_POSTGRES_READ_URL: reader.toString(),
    REFERENCE_POSTGRES_WRITE_URL: writer.toString(),
    SYNAPSOR_TENANT_ID: 'acme',
    SYNAPSOR_PRINCIPAL: 'support.agent',
  };
}
