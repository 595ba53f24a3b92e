import { describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../ports/ledger-store.js';
import { LedgerFixtures } from '../ledger-fixtures.js';
import { expectCode, proposalIn, type StoreFactory } from './support.js';

/** A small mixed ledger: reads in two tenants and tables, a not-found read, an applied proposal. */
async function seed(store: LedgerStore, fx: LedgerFixtures) {
  const readA = fx.read({ tenant: 'tenant_a', object_id: 'INV-1', at: fx.at(1) });
  const readB = fx.read({ tenant: 'tenant_b', principal: 'agent_2', object_id: 'INV-2', at: fx.at(2) });
  const readC = fx.read({ tenant: 'tenant_a', table: 'customers', capability: 'crm.inspect_customer', object_id: 'C-1', at: fx.at(3) });
  const missing = fx.read({ tenant: 'tenant_a', object_id: 'INV-404', outcome: 'not_found', at: fx.at(4) });
  for (const input of [readA, readB, readC, missing]) await store.recordRead(input);
  const applied = await proposalIn(store, fx, 'applied');
  return { readA, readB, readC, missing, applied };
}

export function searchConformance(factory: StoreFactory): void {
  describe('search and activity', () => {
    it('filters evidence by every applicable filter, newest first', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const { readA, readB, readC, applied } = await seed(store, fx);
      const ids = async (f: Parameters<LedgerStore['listEvidence']>[0]) => (await store.listEvidence(f)).map((e) => e.evidence_bundle_id);
      const [a, b, c] = [readA, readB, readC].map((r) => r.evidence!.evidence_bundle_id);
      expect(await ids({})).toEqual([c, b, a, applied.evidence_bundle_id]);
      expect(await ids({ tenant: 'tenant_b' })).toEqual([b]);
      expect(await ids({ principal: 'agent_2' })).toEqual([b]);
      expect(await ids({ capability: 'crm.inspect_customer' })).toEqual([c]);
      expect(await ids({ source: 'nope' })).toEqual([]);
      expect(await ids({ from: fx.at(2), to: fx.at(3) })).toEqual([c, b]);
      expect(await ids({ object_type: 'customer' })).toEqual([c]);
      expect(await ids({ object_type: 'public.customers', object_id: 'C-1' })).toEqual([c]);
      expect(await ids({ table: 'customers' })).toEqual([c]);
      expect(await ids({ table: 'other.customers' })).toEqual([]);
      expect(await ids({ query_fingerprint: readB.evidence!.query_fingerprint })).toEqual([b]);
      expect(await ids({ proposal: applied.proposal_id })).toEqual([applied.evidence_bundle_id]);
      expect(await ids({ evidence: a })).toEqual([a]);
      expect(await ids({ limit: 2 })).toHaveLength(2);
      await store.close();
    });

    it('filters proposals, query audit, receipts and events', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const { missing, applied } = await seed(store, fx);
      const pending = await proposalIn(store, fx, 'pending_review');
      const [receipt] = await store.listReceiptsFor(applied.proposal_id);
      expect((await store.listProposals({ state: 'applied' })).map((p) => p.proposal_id)).toEqual([applied.proposal_id]);
      expect((await store.listProposals({ receipt: receipt!.receipt_id })).map((p) => p.proposal_id)).toEqual([applied.proposal_id]);
      expect((await store.listProposals({ evidence: pending.evidence_bundle_id })).map((p) => p.proposal_id)).toEqual([pending.proposal_id]);
      expect((await store.listProposals({ object_type: 'invoice', object_id: pending.object_id })).length).toBe(1);
      expect((await store.listQueryAudit({ primary_key: 'INV-404' })).map((q) => q.query_audit_id)).toEqual([missing.query_audit.query_audit_id]);
      expect((await store.listQueryAudit({ table: 'public.invoices', tenant: 'tenant_b' })).length).toBe(1);
      expect((await store.listReceipts({ status: 'applied', tenant: 'tenant_a' })).map((r) => r.receipt_id)).toEqual([receipt!.receipt_id]);
      expect(await store.listReceipts({ status: 'failed' })).toEqual([]);
      expect((await store.listReceipts({ writeback_job: `wbj_${applied.proposal_id}`, idempotency_key: receipt!.idempotency_key })).length).toBe(1);
      expect((await store.listReceipts({ tenant: 'tenant_b' }))).toEqual([]);
      const events = await store.listEvents({ limit: 200 });
      expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((x, y) => x - y));
      expect((await store.listEvents({ kind: 'writeback_applied' })).map((e) => e.proposal_id)).toEqual([applied.proposal_id]);
      expect((await store.listEvents({ actor: 'operator_1', kind: 'proposal_approved' })).length).toBe(1);
      expect((await store.listEvents({ since_seq: events.length - 2 })).map((e) => e.seq)).toEqual([events.length - 1, events.length]);
      expect((await store.listEvents({ limit: 2 })).map((e) => e.seq)).toEqual([events.length - 1, events.length]);
      expect((await store.listEvents({ tenant: 'tenant_b' }))).toEqual([]);
      await store.close();
    });

    it('limits to 20 by default and 200 at most; refuses a bad limit', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      for (let i = 0; i < 205; i += 1) await store.recordRead(fx.read({ object_id: `INV-${i}`, at: fx.at(i) }));
      expect(await store.listEvidence()).toHaveLength(20);
      expect(await store.listEvidence({ limit: 500 })).toHaveLength(200);
      expect((await store.listEvidence({ limit: 1 }))[0]!.object_id).toBe('INV-204');
      await expectCode(store.listEvidence({ limit: 0 }), 'FILTER_LIMIT_INVALID');
      await store.close();
    });

    it('merges proposals, reads, not-found reads and receipts into one activity list', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const { readA, missing, applied } = await seed(store, fx);
      const items = await store.activity({ tenant: 'tenant_a' });
      const kinds = items.map((i) => i.kind).sort();
      expect(kinds).toEqual(['proposal', 'read', 'read', 'read_not_found', 'receipt']);
      expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
      expect(items.find((i) => i.kind === 'read_not_found')).toMatchObject({ id: missing.query_audit.query_audit_id, status: 'not_found', object: 'invoices:INV-404' });
      expect(items.find((i) => i.id === readA.evidence!.evidence_bundle_id)?.next).toContain(readA.evidence!.evidence_bundle_id);
      expect(items.find((i) => i.kind === 'proposal')).toMatchObject({ id: applied.proposal_id, status: 'applied', capability: 'billing.void_invoice' });
      expect(await store.activity({ tenant: 'tenant_a', limit: 2 })).toHaveLength(2);
      await store.close();
    });
  });
}
