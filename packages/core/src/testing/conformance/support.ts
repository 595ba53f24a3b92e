import { expect } from 'vitest';
import type { LedgerStore } from '../../ports/ledger-store.js';
import type { ProposalRecord, ProposalState } from '../../records/index.js';
import { LedgerFixtures, type ProposalSpec } from '../ledger-fixtures.js';

export type StoreFactory = () => Promise<LedgerStore>;

/** Awaits a refusal and returns it, asserting its safe code. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<Error & { code: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught as Error & { code: string },
  );
  expect(error, `expected ${code}`).not.toBeNull();
  expect(error!.code).toBe(code);
  return error!;
}

export async function newProposal(store: LedgerStore, fx: LedgerFixtures, spec: ProposalSpec = {}): Promise<ProposalRecord> {
  return (await store.createProposal(fx.proposal({ object_id: fx.id('obj'), ...spec }))).proposal;
}

/** Drives a fresh proposal to `state` through the store's own operations. */
export async function proposalIn(store: LedgerStore, fx: LedgerFixtures, state: ProposalState): Promise<ProposalRecord> {
  if (state === 'shadow') return newProposal(store, fx, { mode: 'shadow' });
  if (state === 'expired') {
    const p = await newProposal(store, fx, { expires_at: fx.at(1) });
    await store.expireDue(fx.at(2));
    return (await store.getProposal(p.proposal_id))!;
  }
  const pending = await newProposal(store, fx);
  if (state === 'pending_review') return pending;
  if (state === 'rejected') {
    return (await store.decide(fx.decide(pending.proposal_id, { decision: 'rejected', reason: 'wrong invoice' }))).proposal;
  }
  const approved = (await store.decide(fx.decide(pending.proposal_id))).proposal;
  if (state === 'approved') return approved;
  const claim = fx.claim(approved);
  const claimed = await store.claimWriteback(claim);
  if (state === 'pending_worker') return claimed;
  const receiptStatus = state === 'applied' ? 'applied' : state === 'conflict' ? 'conflict' : 'failed';
  return store.recordReceipt(fx.receipt(claim.job, receiptStatus));
}

export async function eventCount(store: LedgerStore): Promise<number> {
  return (await store.stats()).chain_head.seq;
}
