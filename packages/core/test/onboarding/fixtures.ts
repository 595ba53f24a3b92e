import type { InspectedColumn, InspectedTable, Inspection } from '../../src/ports/index.js';
import { suggestColumn } from '../../src/writeback/index.js';

/** An inspection shaped like the adapters' output for the reference `invoices` table (+ extras). */
function column(name: string, type: string, primaryKey = false): InspectedColumn {
  return { name, type, nullable: !primaryKey, default: null, generated: false, suggestions: suggestColumn({ name, type, primaryKey }) };
}

function table(name: string, type: 'table' | 'view', columns: InspectedColumn[]): InspectedTable {
  return { schema: 'public', name, type, columns, primary_key: ['id'], unique_constraints: [], foreign_keys: [], indexes: [] };
}

export const INVOICE_COLUMNS = ['id', 'tenant_id', 'customer_id', 'status', 'balance_cents', 'late_fee_cents', 'waiver_reason', 'updated_at'];

export function invoiceInspection(): Inspection {
  const invoices = table('invoices', 'table', [
    column('id', 'text', true),
    column('tenant_id', 'text'),
    column('customer_id', 'text'),
    column('status', 'text'),
    column('balance_cents', 'integer'),
    column('late_fee_cents', 'integer'),
    column('waiver_reason', 'text'),
    column('password_hash', 'text'),
    column('attachment', 'bytea'),
    column('updated_at', 'timestamp with time zone'),
  ]);
  const counters = table('counters', 'table', [column('id', 'text', true), column('org_id', 'text'), column('row_version', 'integer'), column('n', 'integer')]);
  const view = table('invoice_summaries', 'view', [column('id', 'text'), column('tenant_id', 'text'), column('status', 'text'), column('updated_at', 'timestamptz')]);
  const plain = table('notes', 'table', [column('id', 'text', true), column('body', 'text')]);
  return { engine: 'postgres', schemas: ['public'], tables: [invoices, counters, view, plain] };
}

export const WAIVER_FLAGS = {
  table: 'invoices',
  mode: 'review' as const,
  patch: { late_fee_cents: { fixed: 0 }, waiver_reason: { from_arg: 'reason' } },
  numeric_bounds: { late_fee_cents: { minimum: 0, maximum: 10000 } },
};
