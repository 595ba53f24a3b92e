import { describe, expect, it } from 'vitest';
import { objectTypeCandidates, parseObjectFilter, renderReplayMarkdown, replaySubjectId } from '@synapsor/core';
import { LedgerFixtures, createMemoryLedgerStore } from '@synapsor/core/testing';

const SECTIONS = ['Summary', 'What the agent asked', 'Trusted context', 'Evidence', 'Proposed diff', 'Approval', 'Writeback and receipts', 'Query audit', 'Integrity'];

describe('replay markdown', () => {
  it('has the spec sections in order, the diff, receipts and the closing note', async () => {
    const store = createMemoryLedgerStore();
    const fx = new LedgerFixtures();
    const { proposal } = await store.createProposal(fx.proposal({ row: { id: 'INV-1', memo: 'a | b\nc' } }));
    const approved = await store.decide(fx.decide(proposal.proposal_id, { roles: ['billing_lead'] }));
    const claim = fx.claim(approved.proposal);
    await store.claimWriteback(claim);
    const receipt = fx.receipt(claim.job);
    await store.recordReceipt(receipt);
    const md = renderReplayMarkdown((await store.replay(proposal.proposal_id, fx.at(9)))!);
    const headings = md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(headings).toEqual(SECTIONS);
    expect(md.split('\n')[0]).toBe(`# Replay replay_${proposal.proposal_id}`);
    expect(md).toContain('| status | open | void |');
    expect(md).toContain('a \\| b c');
    expect(md).toContain(receipt.receipt.receipt_hash);
    expect(md).toContain('- Event chain: ok');
    expect(md.trimEnd().endsWith('not time travel of the source database.')).toBe(true);
  });
});

describe('search helpers', () => {
  it('object types match singular, plural and schema-qualified forms', () => {
    expect(objectTypeCandidates('invoice')).toContain('invoices');
    expect(objectTypeCandidates('public.invoices')).toContain('invoices');
    expect(objectTypeCandidates('categories')).toContain('category');
    expect(objectTypeCandidates('category')).toContain('categories');
    expect(parseObjectFilter('invoices:INV-1:a')).toEqual({ object_type: 'invoices', object_id: 'INV-1:a' });
    expect(() => parseObjectFilter('INV-1')).toThrow(expect.objectContaining({ code: 'FILTER_OBJECT_INVALID' }));
    expect(replaySubjectId('replay_wrp_1')).toBe('wrp_1');
  });
});
