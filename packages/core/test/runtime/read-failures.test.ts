import { describe, expect, it } from 'vitest';
import { SynapsorError } from '../../src/errors/index.js';
import { harness } from './support/harness.js';

const withoutIds = (envelope: object): string => JSON.stringify(envelope).replace(/(ev|qa)_[0-9a-f]{24}/g, 'ID');

describe('read failures', () => {
  it('answers NOT_FOUND_IN_TENANT identically for an unknown id and another tenant\'s row', async () => {
    const h = harness();
    const foreign = await h.call('billing.inspect_invoice', { invoice_id: 'INV-9001' });
    const unknownInvoice = await h.call('billing.inspect_invoice', { invoice_id: 'INV-0000' });
    expect(foreign.ok).toBe(false);
    expect(foreign.error?.code).toBe('NOT_FOUND_IN_TENANT');
    expect(foreign.error?.retryable).toBe(false);
    expect(foreign.data).toBeNull();
    expect(foreign.evidence).toBeNull();
    expect(foreign.summary).toBe(foreign.error?.message);
    expect(foreign.error?.message).not.toContain('INV-9001');
    expect(withoutIds(foreign)).toBe(withoutIds(unknownInvoice));
  });

  it('audits a 0-row statement without evidence', async () => {
    const h = harness();
    await h.call('orders.inspect_order', { order_id: 'O-9001' });
    const audits = await h.store.listQueryAudit();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: 'not_found', row_count: 0, evidence_bundle_id: null, error_code: 'ROW_NOT_FOUND' });
    expect(await h.store.listEvidence()).toEqual([]);
    const events = await h.store.listEvents();
    expect(events.map((e) => [e.kind, e.payload?.outcome])).toEqual([['read_recorded', 'not_found']]);
  });

  it('blocks a lookup that matches two rows (MULTI_ROW_BLOCKED) and audits it', async () => {
    const h = harness();
    h.source.tables['public.orders']!.push({ ...h.source.tables['public.orders']![0]!, status: 'paid' });
    const envelope = await h.call('orders.inspect_order', { order_id: 'O-1001' });
    expect(envelope.error?.code).toBe('MULTI_ROW_BLOCKED');
    expect(envelope.error?.message).toContain('ROW_NOT_UNIQUE');
    expect(envelope.data).toBeNull();
    const audits = await h.store.listQueryAudit();
    expect(audits[0]).toMatchObject({ outcome: 'not_unique', row_count: 2 });
  });

  it('maps a database outage to TEMPORARILY_UNAVAILABLE, audits the error, and leaks no driver text', async () => {
    const h = harness();
    h.source.failNextRead(new SynapsorError('DATABASE_UNAVAILABLE', 'The source database is unavailable.'));
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.error).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', retryable: true });
    const audits = await h.store.listQueryAudit();
    expect(audits[0]).toMatchObject({ outcome: 'error', error_code: 'DATABASE_UNAVAILABLE', row_count: 0 });
  });

  it('turns an unknown thrown error into INTERNAL with an err ref that is also logged', async () => {
    const h = harness();
    h.source.failNextRead(new Error('connect ECONNREFUSED 10.0.0.5:5432 postgres://reader:pw@db.internal/app'));
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.error?.code).toBe('INTERNAL');
    const ref = /\(ref (err_[0-9a-f]{12})\)$/.exec(envelope.error?.message ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(JSON.stringify(envelope)).not.toMatch(/ECONNREFUSED|postgres:|10\.0\.0\.5|db\.internal/);
    expect(h.logs.at(-1)).toMatchObject({ tool: 'billing.inspect_invoice', kind: 'read', outcome: 'INTERNAL', error_ref: ref });
  });

  it('refuses with TEMPORARILY_UNAVAILABLE when a trusted binding is missing, before any source call', async () => {
    const h = harness();
    delete h.env.SYNAPSOR_TENANT_ID;
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.error).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', retryable: true });
    expect(envelope.error?.message).toContain('TRUSTED_BINDING_MISSING');
    expect(envelope._meta).toEqual({});
    expect(h.source.calls).toEqual([]);
    expect(await h.store.listEvents()).toEqual([]);
  });

  it('refuses with TEMPORARILY_UNAVAILABLE when the read URL env is missing', async () => {
    const h = harness();
    h.env.REFERENCE_POSTGRES_READ_URL = '  ';
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.error?.code).toBe('TEMPORARILY_UNAVAILABLE');
    expect(envelope.error?.message).toContain('SOURCE_CREDENTIAL_MISSING');
    expect(h.source.calls).toEqual([]);
  });

  it('answers CAPABILITY_NOT_FOUND with kind null for an unknown tool', async () => {
    const h = harness();
    const envelope = await h.call('execute_sql', { sql: 'select 1' });
    expect(envelope).toMatchObject({ ok: false, kind: null, action: 'execute_sql', data: null, proposal: null, _meta: {} });
    expect(envelope.error?.code).toBe('CAPABILITY_NOT_FOUND');
    expect(h.source.calls).toEqual([]);
  });

  it('fails the call as INTERNAL when a visible value is secret material (ledger refuses it)', async () => {
    const h = harness();
    h.source.tables['public.invoices']![0]!.waiver_reason = 'see postgres://admin:pw@prod/db';
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(envelope)).not.toContain('postgres://');
    expect(envelope.data).toBeNull();
  });

  it('logs one line per call without argument or row values', async () => {
    const h = harness();
    await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]).toMatchObject({ tool: 'billing.inspect_invoice', kind: 'read', outcome: 'ok' });
    expect(JSON.stringify(h.logs)).not.toMatch(/INV-3001|acme|overdue/);
  });
});
