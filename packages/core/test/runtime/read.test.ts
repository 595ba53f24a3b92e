import { describe, expect, it } from 'vitest';
import { ENVELOPE_V2_SCHEMA } from '../../src/envelope/index.js';
import { hashCanonical } from '../../src/hashing/index.js';
import { harness } from './support/harness.js';

describe('read path', () => {
  it('answers a v2 envelope with the visible row and an evidence handle', async () => {
    const h = harness();
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.ok).toBe(true);
    expect(envelope.kind).toBe('read');
    expect(envelope.action).toBe('billing.inspect_invoice');
    expect(envelope.error).toBeNull();
    expect(envelope.proposal).toBeNull();
    expect(envelope.source_database_changed).toBe(false);
    expect(envelope.summary).toBe('Read invoices INV-3001 through billing.inspect_invoice. Source database changed: no.');
    expect(envelope.data).toEqual({
      id: 'INV-3001',
      tenant_id: 'acme',
      customer_id: 'cust_acme_1',
      status: 'overdue',
      balance_cents: 25500,
      late_fee_cents: 5500,
      waiver_reason: null,
      updated_at: '2026-06-20T14:31:08Z',
    });
    expect(envelope._meta).toEqual({
      tenant_id: 'acme',
      principal: 'support.agent',
      provenance: 'environment',
      canonical_capability: 'billing.inspect_invoice',
    });
    const id = envelope.evidence?.bundle_id ?? '';
    expect(id).toMatch(/^ev_[0-9a-f]{24}$/);
    expect(envelope.evidence).toEqual({ bundle_id: id, resource: `synapsor://evidence/${id}`, note: 'audit handle; no action needed' });
  });

  it('persists evidence, the query audit and a read_recorded event that link to each other', async () => {
    const h = harness();
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    const evidence = await h.store.getEvidence(envelope.evidence!.bundle_id);
    expect(evidence).not.toBeNull();
    const { content_hash, ...body } = evidence!;
    expect(content_hash).toBe(hashCanonical(body));
    expect(evidence).toMatchObject({
      kind: 'read',
      capability: 'billing.inspect_invoice',
      source_id: 'app_postgres',
      target: 'public.invoices',
      object_type: 'invoices',
      object_id: 'INV-3001',
      tenant_id: 'acme',
      principal: 'support.agent',
      provenance: 'environment',
      arguments: { invoice_id: 'INV-3001' },
      proposal_id: null,
      source_database_changed: false,
    });
    const item = evidence!.items[0]!;
    expect(item).toMatchObject({
      kind: 'external_row',
      primary_key: { column: 'id', value: 'INV-3001' },
      tenant: { column: 'tenant_id', value: 'acme' },
      version: null,
    });
    const audit = await h.store.getQueryAudit(evidence!.query_audit_id);
    expect(audit).toMatchObject({
      evidence_bundle_id: evidence!.evidence_bundle_id,
      outcome: 'ok',
      row_count: 1,
      engine: 'postgres',
      table_name: 'public.invoices',
      tenant_bound: true,
      parameters_redacted: true,
      query_fingerprint: evidence!.query_fingerprint,
      statement_template:
        'SELECT "id", "tenant_id", "customer_id", "status", "balance_cents", "late_fee_cents", "waiver_reason", "updated_at" FROM "public"."invoices" WHERE "id" = $1 AND "tenant_id" = $2 LIMIT 2',
    });
    expect(audit!.query_fingerprint).toBe(
      hashCanonical({
        source_id: 'app_postgres',
        schema: 'public',
        table: 'invoices',
        columns: ['id', 'tenant_id', 'customer_id', 'status', 'balance_cents', 'late_fee_cents', 'waiver_reason', 'updated_at'],
        primary_key: 'id',
        tenant_key: 'tenant_id',
        tenant_bound: true,
        tenant_id: 'acme',
      }),
    );
    const events = await h.store.listEvents();
    expect(events.map((e) => e.kind)).toEqual(['read_recorded']);
    expect(events[0]!.payload).toMatchObject({ outcome: 'ok', evidence_bundle_id: evidence!.evidence_bundle_id, query_audit_id: audit!.query_audit_id });
  });

  it('returns exactly the fields the published output schema requires, for success and failure', async () => {
    const h = harness();
    const required = [...(ENVELOPE_V2_SCHEMA.required as string[])].sort();
    const success = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    const failure = await h.call('billing.inspect_invoice', { invoice_id: 'INV-0000' });
    const proposal = await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'r' });
    for (const envelope of [success, failure, proposal]) expect(Object.keys(envelope).sort()).toEqual(required);
    // The published schema types nested objects only as object|null, so their shapes are pinned
    // here against mcp.md's field lists instead.
    expect(Object.keys(proposal.proposal!).sort()).toEqual(
      ['approval_required', 'diff', 'expires_at', 'id', 'next', 'required_role', 'resource', 'reused', 'state', 'target', 'writeback'],
    );
    expect(Object.keys(success.evidence!).sort()).toEqual(['bundle_id', 'note', 'resource']);
    expect(Object.keys(success._meta).sort()).toEqual(['canonical_capability', 'principal', 'provenance', 'tenant_id']);
    expect(Object.keys(failure.error!).sort()).toEqual(['code', 'hint', 'message', 'retryable']);
  });
});
