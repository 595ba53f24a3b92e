import { describe, expect, it } from 'vitest';
import type { RunnerConfig } from '../../src/config/index.js';
import { SynapsorError } from '../../src/errors/index.js';
import { createRuntime } from '../../src/runtime/index.js';
import { createFakeSource } from '../../src/testing/fake-source.js';
import { createMemoryLedgerStore } from '../../src/testing/memory-ledger.js';
import { referenceConfig, referenceJson, validated } from './support/fixtures.js';
import { harness } from './support/harness.js';

function creationError(config: RunnerConfig, sources: Record<string, ReturnType<typeof createFakeSource>>): string {
  try {
    createRuntime({ config, env: {}, sources, store: createMemoryLedgerStore() });
    return 'STARTED';
  } catch (error) {
    return error instanceof SynapsorError ? error.code : 'OTHER';
  }
}

describe('runtime lifecycle', () => {
  it('refuses to start when a listed tool uses http_claims (TRUSTED_CONTEXT_UNSUPPORTED)', () => {
    const json = referenceJson();
    json.contexts = { local_operator: { provider: 'http_claims', values: {} } };
    const config = validated(json);
    const source = createFakeSource({ engine: 'postgres', tables: {} });
    expect(creationError(config, { app_postgres: source })).toBe('TRUSTED_CONTEXT_UNSUPPORTED');
  });

  it('refuses to start without an adapter for a used source', () => {
    expect(creationError(referenceConfig(), {})).toBe('SOURCE_ADAPTER_MISSING');
  });

  it('lists missing read-URL and context env names, without values', () => {
    const h = harness({ env: { SYNAPSOR_TENANT_ID: 'acme', SYNAPSOR_PRINCIPAL: ' ' } });
    expect(h.runtime.missingEnv()).toEqual(['REFERENCE_POSTGRES_READ_URL', 'SYNAPSOR_PRINCIPAL']);
    expect(harness().runtime.missingEnv()).toEqual([]);
  });

  it('runs an alias call as the canonical capability and records only the canonical name', async () => {
    const h = harness({ aliasMode: 'openai' });
    expect(h.runtime.aliasMode).toBe('openai');
    const envelope = await h.call('billing__inspect_invoice', { invoice_id: 'INV-3001' });
    expect(envelope.action).toBe('billing.inspect_invoice');
    expect(envelope._meta).toMatchObject({ canonical_capability: 'billing.inspect_invoice' });
    const evidence = await h.store.getEvidence(envelope.evidence!.bundle_id);
    expect(evidence!.capability).toBe('billing.inspect_invoice');
    expect(h.logs[0]!.tool).toBe('billing.inspect_invoice');
    const canonicalCall = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(canonicalCall.error?.code).toBe('CAPABILITY_NOT_FOUND');
  });

  it('treats absent arguments as {} (then ARGUMENT_REQUIRED)', async () => {
    const h = harness();
    const envelope = await h.call('billing.inspect_invoice');
    expect(envelope.error?.message).toContain('ARGUMENT_REQUIRED');
  });

  it('expires due proposals through expireDue()', async () => {
    const json = referenceJson();
    const caps = json.capabilities as Array<{ name: string; approval?: Record<string, unknown> }>;
    caps.find((c) => c.name === 'billing.propose_late_fee_waiver')!.approval!.expires_after = '1m';
    const h = harness({ config: validated(json) });
    const envelope = await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'r' });
    expect(await h.runtime.expireDue()).toBe(0);
    h.clock.advance(61_000);
    expect(await h.runtime.expireDue()).toBe(1);
    expect((await h.store.getProposal(envelope.proposal!.id))!.state).toBe('expired');
    const again = await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'r' });
    expect(again.proposal!.reused).toBe(false);
    expect(again.proposal!.id).not.toBe(envelope.proposal!.id);
  });

  it('feeds onCallLog listeners and closes sources and store once', async () => {
    const h = harness();
    const seen: string[] = [];
    const stop = h.runtime.onCallLog!((entry) => seen.push(entry.outcome));
    await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    stop();
    await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(seen).toEqual(['ok']);
    await Promise.all([h.runtime.close(), h.runtime.close()]);
    expect(h.source.closed).toBe(true);
    const after = await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    expect(after.error?.code).toBe('TEMPORARILY_UNAVAILABLE');
  });
});
