import { describe, expect, it } from 'vitest';
import { isSecretKey, renderReplayJson } from '@synapsor/core';
import { LedgerFixtures, createMemoryLedgerStore } from '@synapsor/core/testing';

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.add(key);
      keysOf(child, out);
    }
  }
  return out;
}

describe("the ledger's own field names", () => {
  it('never match the secret key pattern (every record, replay, stats and verify shape)', async () => {
    const store = createMemoryLedgerStore();
    const fx = new LedgerFixtures();
    const read = fx.read();
    await store.recordRead(read);
    const { proposal } = await store.createProposal(fx.proposal());
    const decided = await store.decide(fx.decide(proposal.proposal_id));
    const claim = fx.claim(decided.proposal);
    await store.claimWriteback(claim);
    const receipt = fx.receipt(claim.job);
    await store.recordReceipt(receipt);
    const everything = [
      read, decided, claim, receipt, await store.replay(proposal.proposal_id, fx.at(5)), await store.stats(),
      await store.verify(), await store.activity(), await store.listEvents({ limit: 200 }),
    ];
    const keys = [...keysOf(everything)];
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter(isSecretKey)).toEqual([]);
    expect(renderReplayJson((await store.replay(proposal.proposal_id, fx.at(5)))!)).toContain('idempotency_key');
  });
});
