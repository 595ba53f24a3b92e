import { describe, expect, it } from 'vitest';
import { postgresGrantsSql, postgresReceiptsDdl } from '../src/index.js';

describe('receipts DDL', () => {
  it('matches the writeback.md PostgreSQL columns', () => {
    expect(postgresReceiptsDdl({ schema: 'ops' })).toBe(
      'create table if not exists "ops"."synapsor_writeback_receipts" ("idempotency_key" text primary key, "job_id" text not null unique, "proposal_id" text not null, "status" text not null, "result_hash" text, "created_at" timestamptz default now() not null, "completed_at" timestamptz);\n',
    );
    expect(postgresReceiptsDdl()).toContain('create table if not exists "synapsor_writeback_receipts" (');
    expect(() => postgresReceiptsDdl({ schema: 'ops"; drop table x; --' })).toThrow(expect.objectContaining({ code: 'UNSAFE_IDENTIFIER' }));
  });
});

describe('least-privilege grants', () => {
  const target = {
    schema: 'billing',
    table: 'invoices',
    reader_select_columns: ['id', 'tenant_id', 'updated_at', 'late_fee_cents', 'customer_name'],
    writer_select_columns: ['id', 'tenant_id', 'updated_at'],
    writer_update_columns: ['late_fee_cents', 'updated_at'],
  };

  it('grants column privileges only, reader and writer columns separately', () => {
    expect(postgresGrantsSql({ readerRole: 'app_reader', writerRole: 'app_writer', receiptsSchema: 'ops', targets: [target] })).toBe(
      [
        '-- reader: SELECT on the reviewed read columns only',
        'GRANT USAGE ON SCHEMA "billing" TO "app_reader";',
        'GRANT SELECT ("id", "tenant_id", "updated_at", "late_fee_cents", "customer_name") ON "billing"."invoices" TO "app_reader";',
        '-- writer: guard columns readable, allowed and bump columns updatable, receipts table',
        'GRANT USAGE ON SCHEMA "billing" TO "app_writer";',
        'GRANT SELECT ("id", "tenant_id", "updated_at") ON "billing"."invoices" TO "app_writer";',
        'GRANT UPDATE ("late_fee_cents", "updated_at") ON "billing"."invoices" TO "app_writer";',
        'GRANT USAGE ON SCHEMA "ops" TO "app_writer";',
        'GRANT SELECT, INSERT, UPDATE ON "ops"."synapsor_writeback_receipts" TO "app_writer";',
        '',
      ].join('\n'),
    );
  });

  it('without a reader role prints writer rights only; read-only targets give the writer nothing', () => {
    const readOnly = { ...target, table: 'customers', writer_select_columns: [], writer_update_columns: [] };
    const text = postgresGrantsSql({ writerRole: 'w', targets: [target, readOnly] });
    expect(text).not.toContain('reader');
    expect(text).not.toContain('"customers"');
    expect(text).toContain('GRANT SELECT, INSERT, UPDATE ON "synapsor_writeback_receipts" TO "w";');
    expect(postgresGrantsSql({ writerRole: 'w', targets: [readOnly] })).toBe('-- writer: no sql_update proposal targets; nothing to grant\n');
  });

  it.each([
    { writerRole: 'w; DROP ROLE x' },
    { readerRole: 'r"' },
    { receiptsSchema: 'a.b' },
    { targets: [{ ...target, writer_update_columns: ['x) ON y TO z; --'] }] },
    { targets: [{ ...target, reader_select_columns: ['a b'] }] },
  ])('refuses unsafe identifiers %#', (overrides) => {
    expect(() => postgresGrantsSql({ writerRole: 'w', targets: [target], ...overrides })).toThrow(expect.objectContaining({ code: 'UNSAFE_IDENTIFIER' }));
  });
});
