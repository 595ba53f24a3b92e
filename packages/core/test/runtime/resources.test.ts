import { describe, expect, it } from 'vitest';
import { ResourceError } from '../../src/resources/index.js';
import { referenceJson, validated } from './support/fixtures.js';
import { harness } from './support/harness.js';

const WAIVER = { invoice_id: 'INV-3001', reason: 'first late payment' };

async function errorOf(promise: Promise<unknown>): Promise<ResourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ResourceError) return error;
    throw error;
  }
  throw new Error('expected a ResourceError');
}

describe('resources', () => {
  it('lists the three templates', () => {
    const h = harness();
    expect(h.runtime.listResourceTemplates().map((t) => t.uriTemplate)).toEqual([
      'synapsor://evidence/{evidence_bundle_id}',
      'synapsor://proposals/{proposal_id}',
      'synapsor://replay/{replay_id}',
    ]);
  });

  it('returns the model-safe evidence projection', async () => {
    const h = harness();
    const envelope = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    const uri = envelope.evidence!.resource;
    const result = await h.runtime.readResource(uri);
    expect(result.contents).toHaveLength(1);
    expect(result.contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
    const body = JSON.parse(result.contents[0]!.text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['capability', 'created_at', 'evidence_bundle_id', 'kind', 'object_id', 'object_type', 'proposal_id', 'query_fingerprint', 'visible_row'].sort(),
    );
    expect(body.visible_row).toEqual(envelope.data);
    expect(result.contents[0]!.text).not.toMatch(/row_hash|"principal"|"arguments"|"items"|"provenance"/);
  });

  it('returns the proposal projection without guards, hashes or executor details', async () => {
    const h = harness();
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    const result = await h.runtime.readResource(envelope.proposal!.resource);
    const body = JSON.parse(result.contents[0]!.text) as Record<string, unknown>;
    expect(body).toEqual({
      proposal_id: envelope.proposal!.id,
      state: 'pending_review',
      action: 'billing.propose_late_fee_waiver',
      target: 'invoices:INV-3001',
      diff: envelope.proposal!.diff,
      required_role: 'billing_lead',
      expires_at: null,
      created_at: '2026-06-20T15:00:00.000Z',
      decisions: [],
      receipts: [],
      next: 'A person must approve this outside this tool; nothing is committed yet.',
    });
  });

  it('returns a replay projection by proposal id with or without the replay_ prefix', async () => {
    const h = harness();
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    const id = envelope.proposal!.id;
    for (const uri of [`synapsor://replay/replay_${id}`, `synapsor://replay/${id}`]) {
      const body = JSON.parse((await h.runtime.readResource(uri)).contents[0]!.text) as Record<string, unknown>;
      expect(body.replay_id).toBe(`replay_${id}`);
      expect(body.evidence_ids).toEqual([envelope.evidence!.bundle_id]);
      expect(body.events).toEqual([{ kind: 'proposal_created', created_at: '2026-06-20T15:00:00.000Z' }]);
      expect((body.proposal as Record<string, unknown>).proposal_id).toBe(id);
    }
  });

  it('answers other tenants, other principals and unknown ids identically (RESOURCE_NOT_FOUND)', async () => {
    const h = harness();
    const read = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    const proposal = await h.call('billing.propose_late_fee_waiver', WAIVER);
    const uris = [read.evidence!.resource, proposal.proposal!.resource, `synapsor://replay/${proposal.proposal!.id}`];
    const shapes: string[] = [];
    h.env.SYNAPSOR_TENANT_ID = 'globex';
    for (const uri of uris) shapes.push(JSON.stringify(await errorOf(h.runtime.readResource(uri))));
    h.env.SYNAPSOR_TENANT_ID = 'acme';
    h.env.SYNAPSOR_PRINCIPAL = 'someone.else';
    for (const uri of uris) shapes.push(JSON.stringify(await errorOf(h.runtime.readResource(uri))));
    delete h.env.SYNAPSOR_PRINCIPAL;
    shapes.push(JSON.stringify(await errorOf(h.runtime.readResource(uris[0]!))));
    for (const unknown of ['synapsor://evidence/ev_000000000000000000000000', 'synapsor://proposals/wrp_0', 'synapsor://replay/latest', 'synapsor://other/x']) {
      shapes.push(JSON.stringify(await errorOf(h.runtime.readResource(unknown))));
    }
    const error = await errorOf(h.runtime.readResource('synapsor://proposals/wrp_0'));
    expect(error.code).toBe(-32002);
    expect(error.message).toBe('Resource not found');
    expect(error.data).toEqual({ code: 'RESOURCE_NOT_FOUND' });
    expect(new Set(shapes)).toEqual(new Set([JSON.stringify(error)]));
  });

  it('rejects ids that break the stored-id pattern with RESOURCE_ID_INVALID', async () => {
    const h = harness();
    for (const uri of ['synapsor://evidence/../etc', 'synapsor://proposals/', 'synapsor://replay/replay_', `synapsor://evidence/${'a'.repeat(129)}`]) {
      const error = await errorOf(h.runtime.readResource(uri));
      expect(error.code).toBe(-32602);
      expect(error.data).toEqual({ code: 'RESOURCE_ID_INVALID' });
    }
  });

  it('expires a due proposal when its resource is read', async () => {
    const json = referenceJson();
    const caps = json.capabilities as Array<{ name: string; approval?: Record<string, unknown> }>;
    caps.find((c) => c.name === 'billing.propose_late_fee_waiver')!.approval!.expires_after = '1h';
    const h2 = harness({ config: validated(json) });
    const envelope = await h2.call('billing.propose_late_fee_waiver', WAIVER);
    expect(envelope.proposal!.expires_at).toBe('2026-06-20T16:00:00.000Z');
    h2.clock.set('2026-06-20T16:00:00.001Z');
    const body = JSON.parse((await h2.runtime.readResource(envelope.proposal!.resource)).contents[0]!.text) as Record<string, unknown>;
    expect(body.state).toBe('expired');
    expect(body.next).toContain('Expired');
  });
});
