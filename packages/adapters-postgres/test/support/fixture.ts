import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresReceiptsDdl } from '../../src/index.js';
import { TEST_URL, urlForRole } from './postgres.js';

/**
 * One schema + reader/writer roles per test file, with a random suffix; `drop()` removes all.
 * Reader: SELECT only. Writer: column SELECT on guard columns, column UPDATE on patch and
 * version columns, receipts table SELECT/INSERT/UPDATE.
 */
export interface Fixture {
  schema: string;
  reader: string;
  writer: string;
  admin: pg.Client;
  env: Record<string, string>;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** A second superuser session (e.g. to hold locks while `query` observes). Caller ends it. */
  session(): Promise<pg.Client>;
  drop(): Promise<void>;
}

function setupSql(s: string, reader: string, writer: string): string {
  return `
CREATE ROLE ${reader} LOGIN;
CREATE ROLE ${writer} LOGIN;
CREATE SCHEMA ${s};
CREATE TYPE ${s}.mood AS ENUM ('ok', 'sad');
CREATE TABLE ${s}.invoices (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  customer_name text NOT NULL,
  status text NOT NULL,
  late_fee_cents int4 NOT NULL,
  amount numeric(12, 2) NOT NULL,
  attachment bytea,
  api_token text,
  updated_at timestamptz(6) NOT NULL,
  row_version int4 NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX invoices_customer_idx ON ${s}.invoices (tenant_id, customer_name);
CREATE TABLE ${s}.invoice_lines (
  id serial PRIMARY KEY,
  invoice_id text NOT NULL REFERENCES ${s}.invoices (id),
  label text NOT NULL,
  total numeric GENERATED ALWAYS AS (1) STORED
);
CREATE TABLE ${s}.typed (
  id int4 PRIMARY KEY, tenant_id text NOT NULL,
  small int2, big int8, exact numeric, ratio float8, flag boolean, note varchar(20), code char(3), uid uuid, mood ${s}.mood,
  at timestamptz(6), local_at timestamp(6), day date, clock time(6), span interval, doc json, docb jsonb,
  ints int4[], words text[], bigs int8[], blob bytea
);
CREATE TABLE ${s}.no_pk (id text NOT NULL, tenant_id text NOT NULL, status text NOT NULL, row_version int4 NOT NULL);
CREATE TABLE ${s}.frozen (id text PRIMARY KEY, tenant_id text NOT NULL, status text NOT NULL, row_version int4 NOT NULL);
CREATE TABLE ${s}.update_log (id bigserial PRIMARY KEY, invoice_id text NOT NULL);
CREATE FUNCTION ${s}.log_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN INSERT INTO ${s}.update_log (invoice_id) VALUES (NEW.id); RETURN NEW; END $$;
CREATE TRIGGER invoices_log AFTER UPDATE ON ${s}.invoices FOR EACH ROW EXECUTE FUNCTION ${s}.log_update();
CREATE FUNCTION ${s}.skip_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER frozen_skip BEFORE UPDATE ON ${s}.frozen FOR EACH ROW EXECUTE FUNCTION ${s}.skip_row();
CREATE FUNCTION ${s}.writes_on_read() RETURNS int LANGUAGE plpgsql VOLATILE AS $$
BEGIN INSERT INTO ${s}.update_log (invoice_id) VALUES ('from-a-read'); RETURN 1; END $$;
CREATE VIEW ${s}.sneaky AS SELECT id, tenant_id, status, ${s}.writes_on_read() AS side_effect FROM ${s}.invoices;
CREATE VIEW ${s}.slow AS SELECT id, tenant_id, status, pg_sleep(5)::text AS nap FROM ${s}.invoices;
CREATE VIEW ${s}.open_invoices AS SELECT id, tenant_id, status FROM ${s}.invoices WHERE status = 'open';
${postgresReceiptsDdl({ schema: s })}
CREATE FUNCTION ${s}.receipt_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'applied' AND NEW.job_id LIKE 'wbj_raise%' THEN RAISE EXCEPTION 'receipt store refused'; END IF;
  IF NEW.status = 'applied' AND NEW.job_id LIKE 'wbj_skip%' THEN RETURN NULL; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER receipts_guard BEFORE UPDATE ON ${s}.synapsor_writeback_receipts FOR EACH ROW EXECUTE FUNCTION ${s}.receipt_guard();
GRANT USAGE ON SCHEMA ${s} TO ${reader}, ${writer};
GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${reader};
GRANT SELECT (id, tenant_id, customer_name, updated_at, row_version, status, late_fee_cents) ON ${s}.invoices TO ${writer};
GRANT UPDATE (status, late_fee_cents, updated_at, row_version) ON ${s}.invoices TO ${writer};
GRANT SELECT, UPDATE ON ${s}.no_pk, ${s}.frozen TO ${writer};
GRANT SELECT, INSERT, UPDATE ON ${s}.synapsor_writeback_receipts TO ${writer};
`;
}

export async function createFixture(): Promise<Fixture> {
  const suffix = randomBytes(5).toString('hex');
  const schema = `synapsor_pg_${suffix}`;
  const reader = `synapsor_r_${suffix}`;
  const writer = `synapsor_w_${suffix}`;
  const admin = new pg.Client({ connectionString: TEST_URL });
  await admin.connect();
  await admin.query(setupSql(schema, reader, writer));
  return {
    schema,
    reader,
    writer,
    admin,
    env: { READ_URL: urlForRole(reader), WRITE_URL: urlForRole(writer), ADMIN_URL: TEST_URL },
    async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      return (await admin.query<T>(text, values)).rows;
    },
    async session() {
      const client = new pg.Client({ connectionString: TEST_URL });
      await client.connect();
      return client;
    },
    async drop() {
      // Terminate leftovers of our roles so DROP ROLE cannot hang on an open session.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY($1)', [[reader, writer]]);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.query(`DROP OWNED BY ${reader}, ${writer}`);
      await admin.query(`DROP ROLE ${reader}`);
      await admin.query(`DROP ROLE ${writer}`);
      await admin.end();
    },
  };
}

export const ACME = 'acme';
export const GLOBEX = 'globex';

/** Two tenants; `INV-3001` (acme) is the row most tests write. */
export async function seedInvoices(fixture: Fixture): Promise<void> {
  await fixture.query(`TRUNCATE ${fixture.schema}.invoices, ${fixture.schema}.update_log CASCADE`);
  await fixture.query(
    `INSERT INTO ${fixture.schema}.invoices (id, tenant_id, customer_name, status, late_fee_cents, amount, attachment, api_token, updated_at)
     VALUES ('INV-3001', 'acme', 'Ada', 'open', 5500, 120.50, '\\x01ff', 'tok', '2026-06-20 14:31:08.123456+00'),
            ('INV-3002', 'acme', 'Bob', 'paid', 0, 99.99, NULL, NULL, '2026-06-21 09:00:00+00'),
            ('INV-9001', 'globex', 'Eve', 'open', 700, 10.00, NULL, NULL, '2026-06-22 10:00:00.5+00')`,
  );
}
