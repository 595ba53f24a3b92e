// The reference support/billing app loaded into a scratch schema of the machine's PostgreSQL, with
// a config rewritten to target it and a fresh ledger folder. Every measure that touches the
// source database goes through this, so setup and cleanup are identical and always dropped.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './paths.mjs';

const APP = join(REPO_ROOT, 'examples/reference-support-billing-app');
export const PG_URL = process.env.SYNAPSOR_BENCH_POSTGRES_URL ?? process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TENANT = 'acme';
export const PRINCIPAL = 'support.agent';
/** Approves every reference proposal (billing_lead, support_lead, orders_lead). */
export const REVIEWER = { actor: 'bench.reviewer', actor_source: 'flag', roles: ['billing_lead', 'support_lead', 'orders_lead'] };

/** Drops of the workspaces still alive, so an interrupted run can still clean up. */
const live = new Set();

export async function dropAllWorkspaces() {
  await Promise.allSettled([...live].map((drop) => drop()));
}

export async function pgVersion() {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

/** The reference config with every target (and the receipts table) moved to `schema`. */
function rewriteConfig(schema) {
  const config = JSON.parse(readFileSync(join(APP, 'synapsor.runner.json'), 'utf8'));
  for (const capability of config.capabilities) capability.target.schema = schema;
  for (const source of Object.values(config.sources)) source.receipts_schema = schema;
  return config;
}

/**
 * Creates `bench_<hex>` with schema + seed (+ `extraInvoices` overdue acme invoices INV-B<n>, so
 * proposals on distinct rows never dedupe), writes config and an empty ledger folder.
 * `drop()` removes the schema and the folder; call it in `finally`.
 */
export async function createReferenceWorkspace({ extraInvoices = 0 } = {}) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'synapsor-bench-'));
  const drop = async () => {
    live.delete(drop);
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await pool.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  live.add(drop);
  try {
    const client = await pool.connect();
    try {
      // Unqualified names in schema.sql/seed.sql land in the scratch schema via search_path.
      await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      await client.query(readFileSync(join(APP, 'schema.sql'), 'utf8'));
      await client.query(readFileSync(join(APP, 'seed.sql'), 'utf8'));
      if (extraInvoices > 0) {
        await client.query(
          `INSERT INTO invoices (id, tenant_id, customer_id, status, balance_cents, late_fee_cents, updated_at)
           SELECT 'INV-B' || g, 'acme', 'cust_acme_1', 'overdue', 25500, 5500, now() FROM generate_series(1, $1) g`,
          [extraInvoices],
        );
      }
      await client.query('RESET search_path');
    } finally {
      client.release();
    }
    const configPath = join(dir, 'synapsor.runner.json');
    writeFileSync(configPath, JSON.stringify(rewriteConfig(schema), null, 2));
    const env = {
      REFERENCE_POSTGRES_READ_URL: PG_URL,
      REFERENCE_POSTGRES_WRITE_URL: PG_URL,
      SYNAPSOR_TENANT_ID: TENANT,
      SYNAPSOR_PRINCIPAL: PRINCIPAL,
      SYNAPSOR_LOG_LEVEL: 'warn',
    };
    return { schema, dir, configPath, storePath: join(dir, 'local.db'), env, pool, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
