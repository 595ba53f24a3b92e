import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GrantSqlTarget } from '@synapsor/core';
import { mysqlGrantsSql, mysqlReceiptsDdl } from '../src/index.js';
import { INVOICES_DDL, INVOICE_ROWS } from './support/invoices.sql.js';
import { adapterFor, createTestDatabase, describeMysql, job, plan, urlFor, type TestDatabase } from './support/mysql.js';

/**
 * The printed GRANTs applied as-is to scratch users that start with no rights at all: they
 * must be enough for a read, a guarded UPDATE and the doctor probes, and nothing more.
 */
describeMysql('generated GRANTs on a real server', () => {
  let db: TestDatabase;
  const suffix = randomBytes(4).toString('hex');
  const reader = { name: `syn_gr_${suffix}`, password: randomBytes(8).toString('hex') };
  const writer = { name: `syn_gw_${suffix}`, password: randomBytes(8).toString('hex') };
  let target: GrantSqlTarget;

  /** One statement as `user`; resolves to the driver error code of a refusal, or `ok`. */
  async function as(user: { name: string; password: string }, text: string): Promise<string> {
    const connection = await mysql.createConnection({ uri: urlFor(db.name, user) });
    try {
      await connection.query(text);
      return 'ok';
    } catch (error) {
      return String((error as { code?: unknown }).code);
    } finally {
      await connection.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('syn_grants');
    await db.admin.query(INVOICES_DDL);
    await db.admin.query(INVOICE_ROWS);
    // One statement per query, like the adapter runs it: the trailing `;` must be accepted.
    const single = await mysql.createConnection({ uri: db.url });
    await single.query(mysqlReceiptsDdl({ schema: db.name }));
    await single.end();
    target = {
      schema: db.name,
      table: 'invoices',
      reader_select_columns: ['invoice_id', 'amount_cents', 'status', 'tenant_id', 'updated_at'],
      writer_select_columns: ['invoice_id', 'tenant_id', 'row_version'],
      writer_update_columns: ['status', 'row_version'],
    };
    for (const user of [reader, writer]) await db.admin.query(`CREATE USER '${user.name}'@'%' IDENTIFIED BY '${user.password}'`);
    const grants = mysqlGrantsSql({ readerRole: `${reader.name}@%`, writerRole: `${writer.name}@%`, receiptsSchema: db.name, targets: [target] });
    await db.admin.query(grants);
  });
  afterAll(async () => {
    for (const user of [reader, writer]) await db?.admin.query(`DROP USER IF EXISTS '${user.name}'@'%'`);
    await db?.drop();
  });

  it('are enough for the read, the guarded UPDATE and the doctor probes', async () => {
    const adapter = adapterFor(db.url, {
      receiptsSchema: db.name,
      env: { TEST_READ_URL: urlFor(db.name, reader), TEST_WRITE_URL: urlFor(db.name, writer) },
    });
    try {
      expect((await adapter.readOne(plan(db.name))).rows).toHaveLength(1);
      expect((await adapter.applyGuardedUpdate(job(db.name), { dryRun: false })).status).toBe('applied');
      const probes = target.writer_update_columns.map((column) => ({ kind: 'writable_column' as const, schema: db.name, table: 'invoices', column }));
      expect((await adapter.doctor([{ kind: 'receipts_table' }, ...probes])).map((check) => check.status)).toEqual(['pass', 'pass', 'pass']);
    } finally {
      await adapter.close();
    }
    const [rows] = await db.admin.query(`SELECT status, row_version FROM invoices WHERE invoice_id = 'INV-1' AND tenant_id = 'acme'`);
    expect(rows).toEqual([{ status: 'void', row_version: '2' }]);
  });

  it('let the writer UPDATE an allowed column but no other, and read only its guard columns', async () => {
    expect(await as(writer, `UPDATE invoices SET status = 'paid' WHERE invoice_id = 'INV-2' AND tenant_id = 'acme'`)).toBe('ok');
    expect(await as(writer, `UPDATE invoices SET amount_cents = 1 WHERE invoice_id = 'INV-2'`)).toBe('ER_COLUMNACCESS_DENIED_ERROR');
    expect(await as(writer, 'SELECT amount_cents FROM invoices')).toBe('ER_COLUMNACCESS_DENIED_ERROR');
  });

  it('let the reader SELECT the read columns but never UPDATE', async () => {
    expect(await as(reader, 'SELECT amount_cents, status FROM invoices')).toBe('ok');
    expect(await as(reader, `UPDATE invoices SET status = 'void' WHERE invoice_id = 'INV-2'`)).toMatch(/^ER_(COLUMN|TABLE)ACCESS_DENIED_ERROR$/);
    expect(await as(reader, 'UPDATE invoices SET row_version = row_version + 1')).toMatch(/^ER_(COLUMN|TABLE)ACCESS_DENIED_ERROR$/);
    expect(await as(reader, `INSERT INTO synapsor_writeback_receipts (idempotency_key, job_id, proposal_id, status) VALUES ('k', 'j', 'p', 's')`)).toMatch(
      /^ER_(COLUMN|TABLE)ACCESS_DENIED_ERROR$/,
    );
  });
});
