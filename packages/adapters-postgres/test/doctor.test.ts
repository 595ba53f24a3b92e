import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, DoctorProbe } from '@synapsor/core';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor } from './support/plans.js';
import { postgresReachable } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres doctor');

describe.skipIf(!reachable)('doctor probes on a real PostgreSQL', () => {
  let fixture: Fixture;
  let s: string;
  const snapshot = async () =>
    JSON.stringify([
      await fixture.query(`SELECT * FROM ${s}.invoices ORDER BY id`),
      await fixture.query(`SELECT * FROM ${s}.synapsor_writeback_receipts ORDER BY idempotency_key`),
      await fixture.query(`SELECT * FROM ${s}.update_log`),
    ]);
  const byId = (checks: Check[], id: string) => checks.filter((check) => check.id === id);

  beforeAll(async () => {
    fixture = await createFixture();
    s = fixture.schema;
    await seedInvoices(fixture);
  });
  afterAll(() => fixture?.drop());

  it('passes for a least-privilege setup and changes no row', async () => {
    const adapter = adapterFor(fixture);
    const before = await snapshot();
    const probes: DoctorProbe[] = [
      { kind: 'reader' },
      { kind: 'writer' },
      { kind: 'receipts_table' },
      { kind: 'writable_column', schema: s, table: 'invoices', column: 'late_fee_cents' },
      { kind: 'writable_column', schema: s, table: 'invoices', column: 'updated_at' },
      { kind: 'target_object', schema: s, table: 'invoices', columns: ['id', 'tenant_id', 'late_fee_cents', 'updated_at'], must_be_table: true },
    ];
    try {
      const checks = await adapter.doctor(probes);
      expect(checks.map((check) => `${check.id}:${check.status}`)).toEqual([
        'reader_connection:pass',
        'reader_privileges:pass',
        'writer_connection:pass',
        'receipts_table:pass',
        'writeback_probe:pass',
        'writeback_probe:pass',
        'target_objects:pass',
        'columns:pass',
      ]);
    } finally {
      await adapter.close();
    }
    expect(await snapshot()).toBe(before);
  });

  it('warns about a reader that can write, and fails on missing privileges or objects', async () => {
    const adapter = adapterFor(fixture, { env: { ...fixture.env, READ_URL: fixture.env.ADMIN_URL as string } });
    const before = await snapshot();
    try {
      const checks = await adapter.doctor([
        { kind: 'reader' },
        { kind: 'writable_column', schema: s, table: 'invoices', column: 'customer_name' },
        { kind: 'writable_column', schema: s, table: 'invoices"; --', column: 'x' },
        { kind: 'target_object', schema: s, table: 'invoices', columns: ['id', 'nope'], must_be_table: true },
        { kind: 'target_object', schema: s, table: 'open_invoices', columns: ['id'], must_be_table: true },
        { kind: 'target_object', schema: s, table: 'missing_table', columns: ['id'], must_be_table: false },
      ]);
      const privileges = byId(checks, 'reader_privileges')[0];
      expect(privileges?.status).toBe('warn');
      expect(privileges?.message).toContain('superuser');
      expect(privileges?.message).toContain(`can write ${s}.invoices`);
      expect(byId(checks, 'writeback_probe').map((check) => check.status)).toEqual(['fail', 'fail']);
      expect(byId(checks, 'writeback_probe')[0]?.message).toBe(`${s}.invoices.customer_name: permission denied`);
      expect(byId(checks, 'target_objects').map((check) => check.status)).toEqual(['pass', 'fail', 'fail']);
      expect(byId(checks, 'columns').map((check) => check.status)).toEqual(['fail', 'pass', 'skip']);
      expect(byId(checks, 'columns')[0]?.message).toContain('nope');
    } finally {
      await adapter.close();
    }
    expect(await snapshot()).toBe(before);
  });

  it('fails without credentials or receipts table, never throwing and never echoing URLs', async () => {
    const adapter = adapterFor(fixture, {
      env: { READ_URL: 'postgres://nobody:hunter2@127.0.0.1:1/none' },
      receiptsSchema: 'public',
    });
    try {
      const checks = await adapter.doctor([{ kind: 'reader' }, { kind: 'writer' }, { kind: 'receipts_table' }]);
      expect(checks.map((check) => `${check.id}:${check.status}`)).toEqual(['reader_connection:fail', 'reader_privileges:skip', 'writer_connection:fail', 'receipts_table:fail']);
      expect(checks[0]?.message).toBe('reader: connection failed');
      expect(JSON.stringify(checks)).not.toMatch(/hunter2|127\.0\.0\.1|postgres:\/\//);
    } finally {
      await adapter.close();
    }
    const withWriter = adapterFor(fixture, { receiptsSchema: `${s}_none` });
    try {
      const [receipts] = await withWriter.doctor([{ kind: 'receipts_table' }]);
      expect(receipts).toMatchObject({ status: 'fail', message: 'synapsor_writeback_receipts is missing' });
    } finally {
      await withWriter.close();
    }
  });
});
