import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { GrantSqlTarget } from '@synapsor/core';
import { createPostgresAdapter, postgresGrantsSql, postgresReceiptsDdl } from '../src/index.js';
import { invoiceJob, invoicePlan } from './support/plans.js';
import { TEST_URL, postgresReachable, urlForRole } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres grants');

/**
 * The printed GRANTs applied as-is to scratch roles that start with no rights at all: they
 * must be enough for a read, a guarded UPDATE and the doctor probes, and nothing more.
 */
describe.skipIf(!reachable)('generated GRANTs on a real server', () => {
  const suffix = randomBytes(5).toString('hex');
  const schema = `synapsor_grants_${suffix}`;
  const reader = `synapsor_gr_${suffix}`;
  const writer = `synapsor_gw_${suffix}`;
  const admin = new pg.Client({ connectionString: TEST_URL });
  const target: GrantSqlTarget = {
    schema,
    table: 'invoices',
    reader_select_columns: ['id', 'customer_name', 'status', 'late_fee_cents', 'amount', 'tenant_id', 'updated_at'],
    writer_select_columns: ['id', 'tenant_id', 'updated_at'],
    writer_update_columns: ['late_fee_cents', 'updated_at'],
  };
  const env = { READ_URL: urlForRole(reader), WRITE_URL: urlForRole(writer) };

  /** One statement as `role`; resolves to the SQLSTATE of a refusal, or `ok`. */
  async function as(role: string, text: string): Promise<string> {
    const client = new pg.Client({ connectionString: urlForRole(role) });
    await client.connect();
    try {
      await client.query(text);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? 'unknown';
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE ROLE ${reader} LOGIN; CREATE ROLE ${writer} LOGIN; CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.invoices (id text PRIMARY KEY, tenant_id text NOT NULL, customer_name text NOT NULL, status text NOT NULL,
        late_fee_cents int4 NOT NULL, amount numeric(12, 2) NOT NULL, updated_at timestamptz(6) NOT NULL);
      INSERT INTO ${schema}.invoices VALUES ('INV-3001', 'acme', 'Ada', 'open', 2500, 120.00, '2026-06-20T14:31:08.123456Z');
      ${postgresReceiptsDdl({ schema })}`);
    await admin.query(postgresGrantsSql({ readerRole: reader, writerRole: writer, receiptsSchema: schema, targets: [target] }));
  });
  afterAll(async () => {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY($1)', [[reader, writer]]);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`DROP OWNED BY ${reader}, ${writer}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${reader}`);
    await admin.query(`DROP ROLE IF EXISTS ${writer}`);
    await admin.end();
  });

  it('are enough for the read, the guarded UPDATE and the doctor probes', async () => {
    const adapter = createPostgresAdapter({ sourceId: 'app_postgres', readUrlEnv: 'READ_URL', writeUrlEnv: 'WRITE_URL', statementTimeoutMs: 5000, poolMax: 2, receiptsSchema: schema, env });
    try {
      expect((await adapter.readOne(invoicePlan(schema))).rows).toHaveLength(1);
      expect((await adapter.applyGuardedUpdate(invoiceJob(schema), { dryRun: false })).status).toBe('applied');
      const probes = target.writer_update_columns.map((column) => ({ kind: 'writable_column' as const, schema, table: 'invoices', column }));
      expect((await adapter.doctor([{ kind: 'receipts_table' }, ...probes])).map((check) => check.status)).toEqual(['pass', 'pass', 'pass']);
    } finally {
      await adapter.close();
    }
    expect((await admin.query(`SELECT late_fee_cents FROM ${schema}.invoices`)).rows).toEqual([{ late_fee_cents: 0 }]);
  });

  it('let the writer UPDATE an allowed column but no other, and read only its guard columns', async () => {
    expect(await as(writer, `UPDATE ${schema}.invoices SET late_fee_cents = 1 WHERE id = 'INV-3001' AND tenant_id = 'acme'`)).toBe('ok');
    expect(await as(writer, `UPDATE ${schema}.invoices SET status = 'void' WHERE id = 'INV-3001'`)).toBe('42501');
    expect(await as(writer, `SELECT customer_name FROM ${schema}.invoices`)).toBe('42501');
  });

  it('let the reader SELECT the read columns but never UPDATE', async () => {
    expect(await as(reader, `SELECT customer_name, late_fee_cents FROM ${schema}.invoices`)).toBe('ok');
    expect(await as(reader, `UPDATE ${schema}.invoices SET late_fee_cents = 2 WHERE id = 'INV-3001'`)).toBe('42501');
    expect(await as(reader, `UPDATE ${schema}.invoices SET status = 'void'`)).toBe('42501');
    expect(await as(reader, `INSERT INTO ${schema}.synapsor_writeback_receipts (idempotency_key, job_id, proposal_id, status) VALUES ('k', 'j', 'p', 's')`)).toBe('42501');
  });
});
