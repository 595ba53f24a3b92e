import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inspection, SourceAdapter } from '@synapsor/core';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor } from './support/plans.js';
import { postgresReachable } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres inspect');

describe.skipIf(!reachable)('inspect on a real PostgreSQL', () => {
  let fixture: Fixture;
  let adapter: SourceAdapter;
  let inspection: Inspection;
  const table = (name: string) => {
    const found = inspection.tables.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`${name} not inspected`);
    return found;
  };

  beforeAll(async () => {
    fixture = await createFixture();
    await seedInvoices(fixture);
    adapter = adapterFor(fixture);
    inspection = await adapter.inspect({ schemas: [fixture.schema] });
  });
  afterAll(async () => {
    await adapter?.close();
    await fixture?.drop();
  });

  it('lists tables and views of the requested schema only', () => {
    expect(inspection.engine).toBe('postgres');
    expect(inspection.schemas).toEqual([fixture.schema]);
    expect(inspection.tables.every((t) => t.schema === fixture.schema)).toBe(true);
    expect(inspection.tables.map((t) => `${t.name}:${t.type}`)).toEqual(
      expect.arrayContaining(['invoices:table', 'invoice_lines:table', 'open_invoices:view', 'synapsor_writeback_receipts:table']),
    );
  });

  it('describes columns, keys, foreign keys and indexes', () => {
    const invoices = table('invoices');
    expect(invoices.primary_key).toEqual(['id']);
    expect(invoices.indexes).toEqual(
      expect.arrayContaining([
        { name: 'invoices_pkey', columns: ['id'], unique: true },
        { name: 'invoices_customer_idx', columns: ['tenant_id', 'customer_name'], unique: true },
      ]),
    );
    expect(invoices.columns.find((c) => c.name === 'amount')).toEqual({ name: 'amount', type: 'numeric(12,2)', nullable: false, default: null, generated: false, suggestions: [] });
    expect(invoices.columns.find((c) => c.name === 'row_version')).toMatchObject({ default: '1', nullable: false });
    const lines = table('invoice_lines');
    expect(lines.foreign_keys).toEqual([{ columns: ['invoice_id'], references: { schema: fixture.schema, table: 'invoices', columns: ['id'] } }]);
    expect(lines.columns.find((c) => c.name === 'total')).toMatchObject({ generated: true, default: null });
    expect(lines.columns.find((c) => c.name === 'id')?.default).toMatch(/^nextval\(/);
    expect(table('synapsor_writeback_receipts').unique_constraints).toEqual([['job_id']]);
    expect(table('open_invoices').primary_key).toEqual([]);
  });

  it('suggests roles by name and type', () => {
    const suggestions = Object.fromEntries(table('invoices').columns.map((c) => [c.name, c.suggestions]));
    expect(suggestions).toMatchObject({
      id: ['immutable'],
      tenant_id: ['tenant', 'immutable'],
      updated_at: ['conflict'],
      row_version: ['conflict'],
      api_token: ['sensitive'],
      attachment: ['large_binary'],
      status: [],
    });
    expect(Object.fromEntries(table('typed').columns.map((c) => [c.name, c.suggestions]))).toMatchObject({ doc: ['large_binary'], docb: ['large_binary'], blob: ['large_binary'] });
  });

  it('never samples row data', () => {
    const text = JSON.stringify(inspection);
    for (const value of ['INV-3001', 'Ada', 'acme', '5500', '120.50']) expect(text).not.toContain(value);
  });

  it('defaults to every non-system schema', async () => {
    const all = await adapter.inspect({});
    expect(all.schemas).toContain(fixture.schema);
    expect(all.schemas.some((schema) => schema.startsWith('pg_') || schema === 'information_schema')).toBe(false);
  });

  it('returns nothing for an unknown schema, and binds schema names as values', async () => {
    expect((await adapter.inspect({ schemas: ["x' OR '1'='1"] })).tables).toEqual([]);
  });
});
