import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { rowHash, writebackResultHash } from '@synapsor/core';
import { INVOICES_DDL, INVOICE_ROWS } from './support/invoices.sql.js';
import { type TestDatabase, adapterFor, createTestDatabase, describeMysql, job, plan } from './support/mysql.js';

type Invoice = { status: string; amount_cents: number; row_version: string; updated_at: string };

describeMysql('adapters-mysql guarded update (MariaDB)', () => {
  let db: TestDatabase;
  let adapter: ReturnType<typeof adapterFor>;

  const invoice = async (id = 'INV-1', tenant = 'acme'): Promise<Invoice> => {
    const [rows] = (await db.admin.query('SELECT status, amount_cents, row_version, updated_at FROM invoices WHERE invoice_id = ? AND tenant_id = ?', [id, tenant])) as unknown as [Invoice[]];
    return rows[0]!;
  };
  const writes = async (): Promise<number> => {
    const [rows] = (await db.admin.query('SELECT COUNT(*) AS n FROM invoice_writes')) as unknown as [[{ n: string }]];
    return Number(rows[0].n);
  };
  const receipt = async (key: string): Promise<{ status: string; result_hash: string | null } | undefined> => {
    const [rows] = (await db.admin.query('SELECT status, result_hash FROM synapsor_writeback_receipts WHERE idempotency_key = ?', [key])) as unknown as [Array<{ status: string; result_hash: string | null }>];
    return rows[0];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    adapter = adapterFor(db.url);
    // The table exists from here on: the adapter checks it once per process.
    await adapter.applyGuardedUpdate(job(db.name, { expected: { kind: 'column', column: 'row_version', expected_value: 0, bump: null } }), { dryRun: false });
  });
  beforeEach(async () => {
    await db.admin.query('DROP TABLE IF EXISTS invoices, invoice_writes');
    await db.admin.query(INVOICES_DDL);
    await db.admin.query(INVOICE_ROWS);
    await db.admin.query('DELETE FROM synapsor_writeback_receipts');
    await db.admin.query('DROP TRIGGER IF EXISTS receipts_refuse');
  });
  afterAll(async () => {
    await adapter?.close();
    await db?.drop();
  });

  it('creates a missing receipts table once (ENGINE=InnoDB)', async () => {
    await db.admin.query('DROP TABLE synapsor_writeback_receipts');
    const fresh = adapterFor(db.url);
    try {
      expect(await fresh.applyGuardedUpdate(job(db.name), { dryRun: false })).toMatchObject({ status: 'applied' });
      const [rows] = (await db.admin.query("SELECT ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'synapsor_writeback_receipts'", [db.name])) as unknown as [Array<{ engine: string }>];
      expect(rows).toEqual([{ engine: 'InnoDB' }]);
    } finally {
      await fresh.close();
    }
  });

  it('applies once: bumps the version, re-selects it, records the receipt', async () => {
    const j = job(db.name);
    const outcome = await adapter.applyGuardedUpdate(j, { dryRun: false });
    expect(outcome).toEqual({ status: 'applied', rows_affected: 1, previous_version: '1', new_version: '2', source_database_mutated: true, safe_error_code: null });
    expect(await invoice()).toMatchObject({ status: 'void', row_version: '2' });
    expect(await receipt(j.idempotency_key)).toEqual({ status: 'applied', result_hash: writebackResultHash(j.writeback_job_id, 'applied', '2') });
    // Same job again: no second write.
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toMatchObject({ status: 'already_applied', rows_affected: 0, source_database_mutated: false });
    expect(await invoice()).toMatchObject({ row_version: '2' });
    expect(await writes()).toBe(1);
  });

  it('bump now: microsecond timestamp guard bound in MySQL literal form (UTC), given in any offset', async () => {
    const guard = { kind: 'column' as const, column: 'updated_at', expected_value: '2026-06-20T16:31:08.123456+02:00', bump: 'now' as const };
    const stale = await adapter.applyGuardedUpdate(job(db.name, { expected: { ...guard, expected_value: '2026-06-20T14:31:08.123455Z' } }), { dryRun: false });
    expect(stale).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT', previous_version: '2026-06-20T14:31:08.123456Z' });
    const outcome = await adapter.applyGuardedUpdate(job(db.name, { expected: guard, patch: { amount_cents: 0 } }), { dryRun: false });
    expect(outcome).toMatchObject({ status: 'applied', rows_affected: 1, previous_version: '2026-06-20T14:31:08.123456Z' });
    expect(outcome.new_version).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(outcome.new_version).not.toBe(outcome.previous_version);
    expect((await invoice()).amount_cents).toBe(0);
  });

  it('bump now on a version in the future still moves it forward by at least 1 µs', async () => {
    await db.admin.query("UPDATE invoices SET updated_at = '2037-01-01 00:00:00.000000' WHERE invoice_id = 'INV-2'");
    await db.admin.query('DELETE FROM invoice_writes');
    const guard = { kind: 'column' as const, column: 'updated_at', expected_value: '2037-01-01T00:00:00Z', bump: 'now' as const };
    const target = { schema: db.name, table: 'invoices', primary_key: { column: 'invoice_id', value: 'INV-2' } };
    const outcome = await adapter.applyGuardedUpdate(job(db.name, { expected: guard, target }), { dryRun: false });
    expect(outcome).toMatchObject({ status: 'applied', new_version: '2037-01-01T00:00:00.000001Z' });
  });

  it('stale version → conflict VERSION_CONFLICT, row untouched, conflict stored for redelivery', async () => {
    const j = job(db.name, { expected: { kind: 'column', column: 'row_version', expected_value: '0', bump: 'increment' } });
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toEqual({
      status: 'conflict', rows_affected: 0, previous_version: '1', new_version: null, source_database_mutated: false, safe_error_code: 'VERSION_CONFLICT',
    });
    expect(await invoice()).toMatchObject({ status: 'open', row_version: '1' });
    expect(await writes()).toBe(0);
    expect((await receipt(j.idempotency_key))?.status).toBe('conflict');
    // A later attempt of the same job answers the stored conflict, even though the version now matches nothing new.
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toMatchObject({ status: 'conflict', safe_error_code: 'IDEMPOTENT_CONFLICT' });
  });

  it('wrong tenant → conflict ROW_NOT_FOUND; the other tenant row is untouched', async () => {
    const j = job(db.name, { target: { schema: db.name, table: 'invoices', primary_key: { column: 'invoice_id', value: 'INV-9' } } });
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_NOT_FOUND', rows_affected: 0 });
    expect(await invoice('INV-9', 'globex')).toMatchObject({ status: 'open', row_version: '1' });
    expect(await writes()).toBe(0);
  });

  it('zero-row UPDATE (guard matches in JS, not in SQL) rolls back everything: failed VERSION_CONFLICT', async () => {
    // versionsMatch compares decimals ("1.0" = 1) but the SQL predicate compares the VARCHAR text.
    await db.admin.query("ALTER TABLE invoices MODIFY row_version varchar(16) NOT NULL DEFAULT '1'");
    const j = job(db.name, { expected: { kind: 'column', column: 'row_version', expected_value: '1.0', bump: null } });
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'VERSION_CONFLICT', rows_affected: 0, source_database_mutated: false });
    expect(await invoice()).toMatchObject({ status: 'open' });
    expect(await receipt(j.idempotency_key)).toBeUndefined(); // the claim rolled back too
    expect(await writes()).toBe(0);
  });

  it('multi-row match rolls back: failed MULTI_ROW_WRITE_BLOCKED', async () => {
    await db.admin.query('CREATE TABLE loose (invoice_id varchar(32), tenant_id varchar(32), status varchar(16), row_version int) ENGINE=InnoDB');
    await db.admin.query("INSERT INTO loose VALUES ('L-1', 'acme', 'open', 1), ('L-1', 'acme', 'open', 1)");
    const j = job(db.name, { target: { schema: db.name, table: 'loose', primary_key: { column: 'invoice_id', value: 'L-1' } } });
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'MULTI_ROW_WRITE_BLOCKED', source_database_mutated: false });
    const [rows] = (await db.admin.query("SELECT status, row_version FROM loose")) as unknown as [Array<{ status: string; row_version: number }>];
    expect(rows).toEqual([{ status: 'open', row_version: 1 }, { status: 'open', row_version: 1 }]);
    expect(await receipt(j.idempotency_key)).toBeUndefined();
    await db.admin.query('DROP TABLE loose');
  });

  it('a failing receipt write rolls back the business update (trigger SIGNAL)', async () => {
    await db.admin.query(`CREATE TRIGGER receipts_refuse BEFORE UPDATE ON synapsor_writeback_receipts FOR EACH ROW
      BEGIN IF NEW.status = 'applied' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'receipt refused'; END IF; END`);
    const j = job(db.name);
    expect(await adapter.applyGuardedUpdate(j, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'TRANSACTION_FAILED', source_database_mutated: false });
    expect(await invoice()).toMatchObject({ status: 'open', row_version: '1' });
    expect(await receipt(j.idempotency_key)).toBeUndefined();
    expect(await writes()).toBe(0);
  });

  it('existing receipts: failed is reclaimed, in_progress refused, unknown status fails closed', async () => {
    const failed = job(db.name);
    const busy = job(db.name);
    const odd = job(db.name);
    await db.admin.query('INSERT INTO synapsor_writeback_receipts (idempotency_key, job_id, proposal_id, status) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)', [
      failed.idempotency_key, failed.writeback_job_id, failed.proposal_id, 'failed',
      busy.idempotency_key, busy.writeback_job_id, busy.proposal_id, 'in_progress',
      odd.idempotency_key, odd.writeback_job_id, odd.proposal_id, 'doctor',
    ]);
    expect(await adapter.applyGuardedUpdate(busy, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'IDEMPOTENCY_RECEIPT_IN_PROGRESS' });
    expect(await adapter.applyGuardedUpdate(odd, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'IDEMPOTENCY_RECEIPT_UNAVAILABLE' });
    expect(await writes()).toBe(0);
    expect(await adapter.applyGuardedUpdate(failed, { dryRun: false })).toMatchObject({ status: 'applied', new_version: '2' });
    expect((await receipt(failed.idempotency_key))?.status).toBe('applied');
  });

  it('weak row-hash guard: recomputed over the locked row and really compared', async () => {
    const columns = ['amount_cents', 'invoice_id', 'status', 'tenant_id'];
    const [read] = (await adapterFor(db.url).readOne(plan(db.name, { columns, visible_columns: columns }))).rows;
    const expected = rowHash(read!, columns);
    const guard = { kind: 'row_hash' as const, columns, expected_hash: expected };
    await db.admin.query("UPDATE invoices SET amount_cents = 5501 WHERE invoice_id = 'INV-1'");
    const stale = await adapter.applyGuardedUpdate(job(db.name, { expected: guard }), { dryRun: false });
    expect(stale).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT' });
    expect(stale.previous_version).toBe(rowHash({ ...read!, amount_cents: 5501 }, columns));
    await db.admin.query("UPDATE invoices SET amount_cents = 5500 WHERE invoice_id = 'INV-1'");
    const outcome = await adapter.applyGuardedUpdate(job(db.name, { expected: guard }), { dryRun: false });
    expect(outcome).toMatchObject({ status: 'applied', previous_version: expected, new_version: rowHash({ ...read!, status: 'void' }, columns) });
    expect((await invoice()).status).toBe('void');
  });

  it('dry run: steps run, nothing is kept', async () => {
    const j = job(db.name);
    expect(await adapter.applyGuardedUpdate(j, { dryRun: true })).toMatchObject({
      status: 'applied', rows_affected: 0, source_database_mutated: false, new_version: null, dry_run: { would: 'applied', safe_error_code: null },
    });
    const stale = job(db.name, { expected: { kind: 'column', column: 'row_version', expected_value: 5, bump: 'increment' } });
    expect(await adapter.applyGuardedUpdate(stale, { dryRun: true })).toMatchObject({ status: 'conflict', dry_run: { would: 'conflict', safe_error_code: 'VERSION_CONFLICT' } });
    expect(await invoice()).toMatchObject({ status: 'open', row_version: '1' });
    expect(await receipt(j.idempotency_key)).toBeUndefined();
    expect(await receipt(stale.idempotency_key)).toBeUndefined();
    expect(await writes()).toBe(0);
  });

  it('receipts table that cannot be created → failed RECEIPTS_TABLE_MISSING, nothing written', async () => {
    const elsewhere = adapterFor(db.url, { receiptsSchema: `${db.name}_absent` });
    try {
      expect(await elsewhere.applyGuardedUpdate(job(db.name), { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'RECEIPTS_TABLE_MISSING' });
      expect(await invoice()).toMatchObject({ status: 'open' });
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses unsafe or widened jobs before any SQL', async () => {
    const noEnv = adapterFor(db.url, { env: {} });
    const base = job(db.name);
    const cases: Array<[Partial<typeof base>, string]> = [
      [{ target: { ...base.target, table: 'invoices; DROP TABLE invoices' } }, 'UNSAFE_IDENTIFIER'],
      [{ patch: { 'status`=1': 'x' }, allowed_columns: ['status`=1'] }, 'UNSAFE_IDENTIFIER'],
      [{ patch: { row_version: 9 } }, 'ALLOWLIST_WIDENED'],
      [{ patch: { tenant_id: 'globex' }, allowed_columns: ['tenant_id'] }, 'ALLOWLIST_WIDENED'],
      [{ patch: { status: 'x', secret: 'y' } }, 'ALLOWLIST_WIDENED'],
      [{ patch: {} }, 'PATCH_REQUIRED'],
      [{ patch: { status: { nested: true } as unknown as string } }, 'PATCH_VALUE_INVALID'],
      [{ engine: 'postgres' }, 'JOB_INVALID'],
      [{ executor: { name: 'h', type: 'http_handler' } }, 'JOB_INVALID'],
    ];
    for (const [override, code] of cases) {
      await expect(noEnv.applyGuardedUpdate({ ...base, ...override }, { dryRun: false })).rejects.toMatchObject({ code });
    }
    expect(await writes()).toBe(0);
  });
});
