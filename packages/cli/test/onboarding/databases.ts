import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const PG_URL = process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.SYNAPSOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const REFERENCE = new URL('../../../../examples/reference-support-billing-app/', import.meta.url);

export const suffix = () => randomBytes(4).toString('hex');

/** URL with another database/schema path, user or password (tests only). */
export function withUrl(url: string, change: { user?: string; password?: string; database?: string }): string {
  const parsed = new URL(url);
  if (change.user !== undefined) parsed.username = change.user;
  if (change.password !== undefined) parsed.password = change.password;
  if (change.database !== undefined) parsed.pathname = `/${change.database}`;
  return parsed.toString();
}

/**
 * Unreachable server: fail under CI (the machine must provide it), else skip the suite with one
 * loud line. Returns whether the suite can run.
 */
export async function reachable(name: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch {
    const message = `${name} is not reachable; run \`bash .ci/ensure-databases\``;
    if (process.env.CI === 'true') throw new Error(message);
    console.warn(`SKIPPED onboarding ${name} tests: ${message}`);
    return false;
  }
}

export interface PgScratch {
  schema: string;
  url: string;
  query(text: string): Promise<void>;
  drop(): Promise<void>;
}

/** The reference schema + seed in a fresh schema (unqualified names → search_path), plus test extras. */
export async function pgScratch(): Promise<PgScratch> {
  const schema = `ob_${suffix()}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  await client.query(readFileSync(fileURLToPath(new URL('schema.sql', REFERENCE)), 'utf8'));
  await client.query(readFileSync(fileURLToPath(new URL('seed.sql', REFERENCE)), 'utf8'));
  // Extras the refusals need: a sensitive column and a view.
  await client.query(`ALTER TABLE invoices ADD COLUMN password_hash text; CREATE VIEW invoice_summaries AS SELECT id, tenant_id, status, updated_at FROM invoices`);
  return {
    schema,
    url: PG_URL,
    query: async (text) => {
      await client.query(text);
    },
    drop: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

export async function pgProbe(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  await client.end();
}

/** mysql2 is a dependency of the MySQL adapter, not of the CLI: resolve it from there. */
const requireFromAdapter = createRequire(fileURLToPath(new URL('../../../adapters-mysql/package.json', import.meta.url)));
type MysqlConnection = { query(sql: string): Promise<unknown>; end(): Promise<void> };
const mysql = requireFromAdapter('mysql2/promise') as { createConnection(options: object): Promise<MysqlConnection> };

export async function mysqlConnect(): Promise<MysqlConnection> {
  const url = new URL(MYSQL_URL);
  return mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), multipleStatements: true, connectTimeout: 3000 });
}
