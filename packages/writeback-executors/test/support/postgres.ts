import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export const POSTGRES_URL = process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Unreachable server: fail under CI (with the fix), else skip with one loud line. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('PostgreSQL is unreachable: run `bash .ci/ensure-databases`');
    console.warn('!!! SKIPPING PostgreSQL integration tests: server unreachable (set SYNAPSOR_TEST_POSTGRES_URL) !!!');
    return false;
  }
}

export interface TestDatabase {
  schema: string;
  db: Kysely<any>;
  count(query: string): Promise<number>;
  drop(): Promise<void>;
}

/** A fresh schema with the billing tables, an audit trigger counting business UPDATEs, dropped after. */
export async function createTestSchema(): Promise<TestDatabase> {
  const schema = `wbx_${randomBytes(5).toString('hex')}`;
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: POSTGRES_URL, max: 4 }) }) });
  const s = sql.id(schema);
  await sql`CREATE SCHEMA ${s}`.execute(db);
  await sql`CREATE TABLE ${s}.invoices (
    id text PRIMARY KEY, tenant_id text NOT NULL, status text NOT NULL DEFAULT 'open',
    late_fee_cents integer NOT NULL, waiver_reason text, credited_cents integer NOT NULL DEFAULT 0,
    credit_limit_cents integer NOT NULL DEFAULT 10000, updated_at timestamptz NOT NULL)`.execute(db);
  await sql`CREATE TABLE ${s}.account_credits (
    id serial PRIMARY KEY, idempotency_key text NOT NULL UNIQUE, tenant_id text NOT NULL,
    invoice_id text NOT NULL, amount_cents integer NOT NULL, reason text)`.execute(db);
  await sql`CREATE TABLE ${s}.update_audit (id serial PRIMARY KEY, invoice_id text NOT NULL)`.execute(db);
  await sql.raw(`CREATE FUNCTION ${schema}.audit_update() RETURNS trigger AS $$
    BEGIN INSERT INTO ${schema}.update_audit (invoice_id) VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql`).execute(db);
  await sql.raw(`CREATE TRIGGER audit_update AFTER UPDATE ON ${schema}.invoices FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_update()`).execute(db);
  await sql`INSERT INTO ${s}.invoices (id, tenant_id, late_fee_cents, waiver_reason, updated_at) VALUES
    ('INV-3001', 'acme', 1500, NULL, '2026-06-20T14:31:08.123456Z'),
    ('INV-4001', 'globex', 900, NULL, '2026-06-20T14:31:08.123456Z')`.execute(db);
  return {
    schema,
    db,
    async count(query) {
      const result = await sql.raw<{ n: string }>(query.replaceAll('$schema', schema)).execute(db);
      return Number(result.rows[0]?.n ?? 0);
    },
    async drop() {
      await sql`DROP SCHEMA ${s} CASCADE`.execute(db);
      await db.destroy();
    },
  };
}
