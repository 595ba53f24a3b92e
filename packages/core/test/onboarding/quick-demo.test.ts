import { describe, expect, it } from 'vitest';
import { buildQuickDemoFixture, QUICK_DEMO_IDS } from '../../src/onboarding/index.js';
import { createMemoryLedgerStore } from '../../src/testing/memory-ledger.js';
import { manualClock, referenceConfig } from '../runtime/support/fixtures.js';

const fixture = () =>
  buildQuickDemoFixture({ config: referenceConfig(), readTemplate: (plan) => `select … from "${plan.schema}"."${plan.table}"`, clock: manualClock() });

describe('buildQuickDemoFixture', () => {
  it('passes the store write checks and replays with intact hashes under the fixed ids', async () => {
    const store = createMemoryLedgerStore();
    const { proposal } = await store.createProposal(fixture().write);
    expect(proposal).toMatchObject({ proposal_id: 'wrp_quick_INV_3001', evidence_bundle_id: 'ev_quick_INV_3001', state: 'pending_review', created_at: '2026-06-20T15:00:00.000Z' });
    const replay = await store.replay(QUICK_DEMO_IDS.proposalId, '2026-06-20T15:01:00.000Z');
    expect(replay?.integrity).toMatchObject({ proposal_hash_ok: true, evidence_hashes_ok: true, chain_ok: true });
    expect(replay?.proposal?.change_set.patch).toEqual({ late_fee_cents: 0, waiver_reason: 'first late payment' });
    expect(replay?.query_audit.map((audit) => [audit.query_audit_id, audit.statement_template])).toEqual([['qa_quick_INV_3001', 'select … from "public"."invoices"']]);
    expect((await store.verify()).ok).toBe(true);
  });

  it('is deterministic for a given clock (same proposal hash twice)', () => {
    const hashOf = () => fixture().write.build(null).proposal?.proposal_hash;
    expect(hashOf()).toMatch(/^sha256:/);
    expect(hashOf()).toBe(hashOf());
  });
});
