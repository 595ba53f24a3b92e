import { describe, expect, it } from 'vitest';
import { harness } from './support/harness.js';

const parse = (text: string | undefined): Record<string, unknown> => JSON.parse(text ?? '') as Record<string, unknown>;

describe('result_format 1 (legacy)', () => {
  it('answers a read in the legacy shape', async () => {
    const h = harness({ resultFormat: 1 });
    expect(h.runtime.listTools().every((t) => t.outputSchema === undefined)).toBe(true);
    const result = await h.runtime.callTool('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(result.isError).toBeUndefined();
    const body = parse(result.content[0]?.text);
    const id = body.evidence_bundle_id as string;
    expect(body).toEqual({
      status: 'ok',
      action: 'billing.inspect_invoice',
      mode: 'review',
      business_object: { type: 'invoices', id: 'INV-3001' },
      data: { row: expect.objectContaining({ id: 'INV-3001', late_fee_cents: 5500 }) },
      trusted_context: { tenant_id: 'acme', principal: 'support.agent', provenance: 'environment' },
      evidence_bundle_id: id,
      evidence_resource: `synapsor://evidence/${id}`,
      source_database_changed: false,
      source_database_mutated: false,
    });
    expect(Object.keys((body.data as { row: object }).row)).toHaveLength(8);
  });

  it('answers a proposal in the legacy shape', async () => {
    const h = harness({ resultFormat: 1 });
    const result = await h.runtime.callTool('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'first' });
    const body = parse(result.content[0]?.text);
    const id = body.proposal_id as string;
    const stored = await h.store.getProposal(id);
    expect(body).toMatchObject({
      status: 'review_required',
      action: 'billing.propose_late_fee_waiver',
      proposal_version: 1,
      proposal_hash: stored!.proposal_hash,
      target: { type: 'invoices', id: 'INV-3001', tenant_id: 'acme' },
      diff: { late_fee_cents: { before: 5500, proposed: 0 }, waiver_reason: { before: null, proposed: 'first' } },
      proposal_resource: `synapsor://proposals/${id}`,
      replay_resource: `synapsor://replay/replay_${id}`,
      approval_required: true,
      writeback: { status: 'not_applied', mode: 'direct_update', executor: 'sql_update' },
      source_database_changed: false,
      source_database_mutated: false,
    });
  });

  it('marks failures isError with {ok, code, error}', async () => {
    const h = harness({ resultFormat: 1 });
    const result = await h.runtime.callTool('billing.inspect_invoice', { invoice_id: 'INV-9001' });
    expect(result.isError).toBe(true);
    const body = parse(result.content[0]?.text);
    expect(body).toEqual({ ok: false, code: 'NOT_FOUND_IN_TENANT', error: expect.stringContaining('ROW_NOT_FOUND') });
  });

  it('never sets isError in v2', async () => {
    const h = harness();
    const result = await h.runtime.callTool('billing.inspect_invoice', { invoice_id: 'INV-9001' });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent?.ok).toBe(false);
  });
});
