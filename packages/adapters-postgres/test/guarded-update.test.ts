import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowHash, timestampMicros, writebackResultHash, type SourceAdapter, type WritebackJob } from '@synapsor/core';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor, invoiceJob, invoicePlan, withJobPrefix } from './support/plans.js';
import { postgresReachable } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres guarded update');

describe.skipIf(!reachable)('applyGuardedUpdate on a real PostgreSQL', () => {
  let fixture: Fixture;
  let adapter: SourceAdapter;
  let s: string;

  const invoice = async (id = 'INV-3001') =>
    (await fixture.query<{ late_fee_cents: number; status: string; updated_at: string }>(
      `SELECT late_fee_cents, status, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at FROM ${s}.invoices WHERE id = $1`,
      [id],
    ))[0];
  const receipt = async (job: WritebackJob) =>
    (await fixture.query<{ status: string; result_hash: string | null; job_id: string }>(
      `SELECT status, result_hash, job_id FROM ${s}.synapsor_writeback_receipts WHERE idempotency_key = $1`,
      [job.idempotency_key],
    ))[0];
  const writes = async () => (await fixture.query(`SELECT 1 FROM ${s}.update_log`)).length;

  beforeAll(async () => {
    fixture = await createFixture();
    s = fixture.schema;
    adapter = adapterFor(fixture);
  });
  afterAll(async () => {
    await adapter?.close();
    await fixture?.drop();
  });
  beforeEach(() => seedInvoices(fixture));

  it('applies exactly one guarded row, bumps the version and records the receipt', async () => {
    const job = invoiceJob(s);
    const outcome = await adapter.applyGuardedUpdate(job, { dryRun: false });
    expect(outcome).toMatchObject({ status: 'applied', rows_affected: 1, source_database_mutated: true, safe_error_code: null });
    expect(outcome.previous_version).toBe('2026-06-20T14:31:08.123456Z');
    const after = await invoice();
    expect(after?.late_fee_cents).toBe(0);
    // The adapter keeps the server's fraction digits (trailing zeros dropped); compare instants.
    expect(timestampMicros(outcome.new_version ?? '')).toBe(timestampMicros(after?.updated_at ?? ''));
    expect(after && after.updated_at > '2026-06-20T14:31:08.123456Z').toBe(true);
    expect(await receipt(job)).toEqual({ status: 'applied', job_id: job.writeback_job_id, result_hash: writebackResultHash(job.writeback_job_id, 'applied', outcome.new_version) });
    expect(await writes()).toBe(1);
  });

  it('matches an expected timestamp given in another offset at microsecond precision', async () => {
    const job = invoiceJob(s, { conflict_guard: { kind: 'column', column: 'updated_at', expected_value: '2026-06-20T16:31:08.123456+02:00', bump: null } });
    expect((await adapter.applyGuardedUpdate(job, { dryRun: false })).status).toBe('applied');
    // Bump null: the version is untouched by us.
    expect((await invoice())?.updated_at).toBe('2026-06-20T14:31:08.123456Z');
    // One microsecond off is a conflict, whatever the offset spelling.
    await seedInvoices(fixture);
    const stale = invoiceJob(s, { conflict_guard: { kind: 'column', column: 'updated_at', expected_value: '2026-06-20 09:31:08.123457-05:00', bump: null } });
    expect(await adapter.applyGuardedUpdate(stale, { dryRun: false })).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT' });
  });

  it('reports a stale version as conflict and leaves the row untouched', async () => {
    await fixture.query(`UPDATE ${s}.invoices SET updated_at = '2026-06-20 15:00:00+00', late_fee_cents = 5600 WHERE id = 'INV-3001'`);
    const job = invoiceJob(s);
    const outcome = await adapter.applyGuardedUpdate(job, { dryRun: false });
    expect(outcome).toMatchObject({ status: 'conflict', rows_affected: 0, source_database_mutated: false, safe_error_code: 'VERSION_CONFLICT', previous_version: '2026-06-20T15:00:00Z' });
    expect((await invoice())?.late_fee_cents).toBe(5600);
    expect((await receipt(job))?.status).toBe('conflict');
    // The stored conflict answers a retry of the same job.
    await seedInvoices(fixture);
    expect(await adapter.applyGuardedUpdate(job, { dryRun: false })).toMatchObject({ status: 'conflict', safe_error_code: 'IDEMPOTENT_CONFLICT' });
    expect((await invoice())?.late_fee_cents).toBe(5500);
  });

  it('treats a wrong tenant exactly like a missing row', async () => {
    const wrongTenant = invoiceJob(s, { tenant_guard: { column: 'tenant_id', value: 'globex' } });
    expect(await adapter.applyGuardedUpdate(wrongTenant, { dryRun: false })).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_NOT_FOUND' });
    const missing = invoiceJob(s, { target: { schema: s, table: 'invoices', primary_key: { column: 'id', value: 'INV-0000' } } });
    expect(await adapter.applyGuardedUpdate(missing, { dryRun: false })).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_NOT_FOUND' });
    expect((await invoice())?.late_fee_cents).toBe(5500);
    expect(await writes()).toBe(0);
  });

  it('applies the same job once: the second run is already_applied with 0 rows', async () => {
    const job = invoiceJob(s, { conflict_guard: { kind: 'column', column: 'row_version', expected_value: 1, bump: 'increment' } });
    expect((await adapter.applyGuardedUpdate(job, { dryRun: false })).status).toBe('applied');
    expect(await adapter.applyGuardedUpdate({ ...job, attempt: 2 }, { dryRun: false })).toMatchObject({ status: 'already_applied', rows_affected: 0, source_database_mutated: false });
    expect(await writes()).toBe(1);
    expect((await fixture.query<{ row_version: number }>(`SELECT row_version FROM ${s}.invoices WHERE id = 'INV-3001'`))[0]?.row_version).toBe(2);
  });

  it('rolls back when the update touches zero rows (a trigger skips it)', async () => {
    await fixture.query(`INSERT INTO ${s}.frozen VALUES ('F-1', 'acme', 'open', 1)`);
    const job = invoiceJob(s, {
      target: { schema: s, table: 'frozen', primary_key: { column: 'id', value: 'F-1' } },
      allowed_columns: ['status'],
      patch: { status: 'void' },
      conflict_guard: { kind: 'column', column: 'row_version', expected_value: 1, bump: null },
    });
    expect(await adapter.applyGuardedUpdate(job, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'VERSION_CONFLICT', rows_affected: 0 });
    expect(await receipt(job)).toBeUndefined();
  });

  it('blocks and rolls back a multi-row write', async () => {
    await fixture.query(`TRUNCATE ${s}.no_pk`);
    await fixture.query(`INSERT INTO ${s}.no_pk VALUES ('D-1', 'acme', 'open', 1), ('D-1', 'acme', 'open', 1)`);
    const job = invoiceJob(s, {
      target: { schema: s, table: 'no_pk', primary_key: { column: 'id', value: 'D-1' } },
      allowed_columns: ['status'],
      patch: { status: 'void' },
      conflict_guard: { kind: 'column', column: 'row_version', expected_value: 1, bump: 'increment' },
    });
    expect(await adapter.applyGuardedUpdate(job, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'MULTI_ROW_WRITE_BLOCKED' });
    expect(await fixture.query(`SELECT status, row_version FROM ${s}.no_pk`)).toEqual([
      { status: 'open', row_version: 1 },
      { status: 'open', row_version: 1 },
    ]);
    expect(await receipt(job)).toBeUndefined();
  });

  it('rolls the business update back when the receipt cannot be written', async () => {
    const raising = withJobPrefix(invoiceJob(s), 'wbj_raise');
    expect(await adapter.applyGuardedUpdate(raising, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'TRANSACTION_FAILED', source_database_mutated: false });
    const skipped = withJobPrefix(invoiceJob(s), 'wbj_skip');
    expect(await adapter.applyGuardedUpdate(skipped, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'IDEMPOTENCY_RECEIPT_UNAVAILABLE' });
    expect((await invoice())?.late_fee_cents).toBe(5500);
    expect(await writes()).toBe(0);
    expect(await receipt(raising)).toBeUndefined();
    expect(await receipt(skipped)).toBeUndefined();
  });

  it('follows the stored receipt: failed is reclaimed, in_progress is refused', async () => {
    const failed = invoiceJob(s);
    await fixture.query(`INSERT INTO ${s}.synapsor_writeback_receipts (idempotency_key, job_id, proposal_id, status) VALUES ($1, $2, $3, 'failed')`, [
      failed.idempotency_key,
      failed.writeback_job_id,
      failed.proposal_id,
    ]);
    expect((await adapter.applyGuardedUpdate({ ...failed, attempt: 2 }, { dryRun: false })).status).toBe('applied');
    expect((await receipt(failed))?.status).toBe('applied');

    await seedInvoices(fixture);
    const stuck = invoiceJob(s);
    await fixture.query(`INSERT INTO ${s}.synapsor_writeback_receipts (idempotency_key, job_id, proposal_id, status) VALUES ($1, $2, $3, 'in_progress')`, [
      stuck.idempotency_key,
      stuck.writeback_job_id,
      stuck.proposal_id,
    ]);
    expect(await adapter.applyGuardedUpdate(stuck, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'IDEMPOTENCY_RECEIPT_IN_PROGRESS' });
    expect((await invoice())?.late_fee_cents).toBe(5500);
  });

  it('fails closed when the job id is already claimed under another idempotency key', async () => {
    const original = invoiceJob(s);
    expect((await adapter.applyGuardedUpdate(original, { dryRun: false })).status).toBe('applied');
    await seedInvoices(fixture);
    const reused = { ...invoiceJob(s), writeback_job_id: original.writeback_job_id };
    expect(await adapter.applyGuardedUpdate(reused, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'IDEMPOTENCY_RECEIPT_UNAVAILABLE' });
    expect((await invoice())?.late_fee_cents).toBe(5500);
  });

  it('checks a weak row-hash guard for real', async () => {
    const columns = ['customer_name', 'id', 'late_fee_cents', 'status', 'tenant_id'];
    const plan = invoicePlan(s, { columns, visible_columns: ['customer_name', 'late_fee_cents', 'status'] });
    const row = (await adapter.readOne(plan)).rows[0];
    if (row === undefined) throw new Error('seed row missing');
    const guard = { kind: 'row_hash' as const, columns, expected_hash: rowHash(row, columns) };

    await fixture.query(`UPDATE ${s}.invoices SET customer_name = 'Ada L.' WHERE id = 'INV-3001'`);
    const changed = invoiceJob(s, { conflict_guard: guard });
    const conflict = await adapter.applyGuardedUpdate(changed, { dryRun: false });
    expect(conflict).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT' });
    expect(conflict.previous_version).toBe(rowHash({ ...row, customer_name: 'Ada L.' }, columns));
    expect((await invoice())?.late_fee_cents).toBe(5500);

    await fixture.query(`UPDATE ${s}.invoices SET customer_name = 'Ada' WHERE id = 'INV-3001'`);
    const unchanged = invoiceJob(s, { conflict_guard: guard });
    const applied = await adapter.applyGuardedUpdate(unchanged, { dryRun: false });
    expect(applied).toMatchObject({ status: 'applied', previous_version: guard.expected_hash });
    expect(applied.new_version).toBe(rowHash({ ...row, late_fee_cents: 0 }, columns));
  });

  it('dry run: steps 0-4 then rollback, for every outcome', async () => {
    const job = invoiceJob(s);
    const dry = await adapter.applyGuardedUpdate(job, { dryRun: true });
    expect(dry).toMatchObject({ status: 'applied', rows_affected: 0, source_database_mutated: false, dry_run: { would: 'applied', safe_error_code: null } });
    expect((await invoice())?.late_fee_cents).toBe(5500);
    expect(await receipt(job)).toBeUndefined();
    expect(await writes()).toBe(0);

    await fixture.query(`UPDATE ${s}.invoices SET updated_at = now() WHERE id = 'INV-3001'`);
    const stale = invoiceJob(s);
    expect((await adapter.applyGuardedUpdate(stale, { dryRun: true })).dry_run).toEqual({ would: 'conflict', safe_error_code: 'VERSION_CONFLICT' });
    expect(await receipt(stale)).toBeUndefined();
  });

  it('refuses a widened or unsafe job before any SQL', async () => {
    const offline = adapterFor(fixture, { env: { READ_URL: 'x', WRITE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    const cases: Array<[WritebackJob, string]> = [
      [invoiceJob(s, { patch: { api_token: 'x' } }), 'ALLOWLIST_WIDENED'],
      [invoiceJob(s, { allowed_columns: ['late_fee_cents', 'tenant_id'], patch: { tenant_id: 'globex' } }), 'ALLOWLIST_WIDENED'],
      [invoiceJob(s, { allowed_columns: ['late_fee_cents', 'updated_at'], patch: { updated_at: '2000-01-01' } }), 'ALLOWLIST_WIDENED'],
      [invoiceJob(s, { target: { schema: s, table: 'invoices; DROP TABLE x', primary_key: { column: 'id', value: 'INV-3001' } } }), 'UNSAFE_IDENTIFIER'],
      [invoiceJob(s, { allowed_columns: ['late_fee_cents', 'x = 1 --'], patch: { 'x = 1 --': 1 } }), 'UNSAFE_IDENTIFIER'],
      [invoiceJob(s, { engine: 'mysql' }), 'JOB_INVALID'],
      [invoiceJob(s, { executor: { name: 'h', type: 'http_handler' } }), 'JOB_INVALID'],
    ];
    for (const [job, code] of cases) {
      await expect(offline.applyGuardedUpdate(job, { dryRun: false }), code).rejects.toMatchObject({ code });
    }
    // The same adapter does reach for the (closed) database with a valid job.
    expect(await offline.applyGuardedUpdate(invoiceJob(s), { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'DATABASE_UNAVAILABLE' });
    await offline.close();
    const noWriter = adapterFor(fixture, { writeUrlEnv: 'UNSET_WRITE_URL' });
    await expect(noWriter.applyGuardedUpdate(invoiceJob(s), { dryRun: false })).rejects.toMatchObject({ code: 'WRITER_CREDENTIAL_MISSING' });
    await noWriter.close();
  });

  it('gives up with STATEMENT_TIMEOUT when the row stays locked, and keeps nothing', async () => {
    const quick = adapterFor(fixture, { statementTimeoutMs: 300 });
    const locker = await fixture.session();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM ${s}.invoices WHERE id = 'INV-3001' FOR UPDATE`);
      const job = invoiceJob(s);
      expect(await quick.applyGuardedUpdate(job, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'STATEMENT_TIMEOUT' });
      await locker.query('ROLLBACK');
      expect(await receipt(job)).toBeUndefined();
      // The writer pool is healthy afterwards.
      expect((await quick.applyGuardedUpdate(job, { dryRun: false })).status).toBe('applied');
    } finally {
      await locker.end();
      await quick.close();
    }
  });

  it('needs the writer to hold only column privileges (no write outside the allow-list)', async () => {
    // customer_name is not in the writer's UPDATE grant; a job smuggling it must fail at the database too.
    const job = invoiceJob(s, { allowed_columns: ['customer_name'], patch: { customer_name: 'Mallory' } });
    expect(await adapter.applyGuardedUpdate(job, { dryRun: false })).toMatchObject({ status: 'failed', safe_error_code: 'TRANSACTION_FAILED' });
    expect(await receipt(job)).toBeUndefined();
  });
});
