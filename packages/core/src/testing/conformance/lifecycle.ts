import { describe, expect, it } from 'vitest';
import { renderReplayMarkdown } from '../../ledger/replay-render.js';
import { LedgerFixtures } from '../ledger-fixtures.js';
import { proposalIn, type StoreFactory } from './support.js';

export function lifecycleConformance(factory: StoreFactory): void {
  describe('replay', () => {
    it('replays a proposal by id, replay_<id>, latest and its evidence id', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await proposalIn(store, fx, 'applied');
      const doc = await store.replay(p.proposal_id, fx.at(9));
      expect(doc).toMatchObject({
        schema_version: 'synapsor.replay.v1',
        replay_id: `replay_${p.proposal_id}`,
        subject: { kind: 'proposal', id: p.proposal_id },
        generated_at: fx.at(9),
        proposal: { proposal_id: p.proposal_id, state: 'applied' },
        integrity: { proposal_hash_ok: true, evidence_hashes_ok: true, receipt_hashes_ok: true, chain_ok: true },
      });
      expect(doc!.events.map((e) => e.kind)).toEqual(['proposal_created', 'proposal_approved', 'writeback_started', 'writeback_applied']);
      expect([doc!.approvals.length, doc!.evidence.length, doc!.query_audit.length, doc!.writeback_jobs.length, doc!.receipts.length]).toEqual([1, 1, 1, 1, 1]);
      expect(doc!.integrity.head_hash).toBe((await store.verify()).head.hash);
      expect(await store.replay(`replay_${p.proposal_id}`, fx.at(9))).toEqual(doc);
      expect(await store.replay('latest', fx.at(9))).toEqual(doc);
      expect(await store.replay(p.evidence_bundle_id, fx.at(9))).toEqual(doc);
      expect(await store.replay('wrp_000000000000000000000000', fx.at(9))).toBeNull();
      const md = renderReplayMarkdown(doc!);
      expect(md.startsWith(`# Replay replay_${p.proposal_id}`)).toBe(true);
      await store.close();
    });

    it('replays a plain read by its evidence id', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const read = fx.read();
      await store.recordRead(read);
      const id = read.evidence!.evidence_bundle_id;
      const doc = await store.replay(`replay_${id}`, fx.at(9));
      expect(doc).toMatchObject({ subject: { kind: 'read', id }, proposal: null, integrity: { proposal_hash_ok: null, chain_ok: true } });
      expect(doc!.evidence).toEqual([read.evidence]);
      expect(doc!.query_audit).toEqual([read.query_audit]);
      expect(doc!.events.map((e) => e.event_id)).toEqual([read.event.event_id]);
      expect(await store.replay('latest', fx.at(9))).toBeNull();
      await store.close();
    });
  });

  describe('stats and prune', () => {
    it('counts entities and proposals per state', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      await store.recordRead(fx.read());
      await proposalIn(store, fx, 'applied');
      await proposalIn(store, fx, 'pending_review');
      const stats = await store.stats();
      expect(stats.counts).toMatchObject({ proposals: 2, evidence_bundles: 3, query_audit: 3, receipts: 1, approvals: 1, writeback_jobs: 1 });
      expect(stats.proposals_by_state).toEqual({ applied: 1, pending_review: 1 });
      expect(stats.chain_head).toEqual((await store.verify()).head);
      await store.close();
    });

    it('prunes final-state proposals and old reads: dry run counts, real deletes, chain still verifies', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const old = await proposalIn(store, fx, 'applied');
      const waiting = await proposalIn(store, fx, 'approved');
      await store.recordRead(fx.read({ at: fx.at(-5) }));
      await store.recordRead(fx.read({ at: fx.at(30), object_id: 'INV-9' }));
      const input = { cutoff: fx.at(10), dryRun: true, event_id: fx.id('evt'), now: fx.at(40) };
      const dry = await store.prune(input);
      const expected = { proposals: 1, approvals: 1, writeback_jobs: 1, receipts: 1, evidence_bundles: 2, evidence_items: 2, query_audit: 2, events: 5 };
      expect(dry).toMatchObject({ dry_run: true, counts: expected });
      expect((await store.stats()).counts['proposals']).toBe(2);
      const real = await store.prune({ ...input, dryRun: false });
      expect(real.counts).toEqual(dry.counts);
      expect(await store.getProposal(old.proposal_id)).toBeNull();
      expect(await store.getProposal(waiting.proposal_id)).not.toBeNull();
      expect(await store.listEvidence()).toHaveLength(2);
      const verify = await store.verify();
      expect(verify).toMatchObject({ ok: true, tombstones: 5, first_break: null, record_breaks: [] });
      const tail = await store.listEvents({ limit: 1 });
      expect(tail[0]).toMatchObject({ kind: 'store_pruned', actor: 'runner', payload: { cutoff: fx.at(10), counts: real.counts } });
      const tombstone = (await store.listEvents({ limit: 200 })).find((e) => e.pruned);
      expect(tombstone).toMatchObject({ payload: null, actor: null, proposal_id: null });
      expect((await store.prune({ ...input, dryRun: true })).counts['proposals']).toBe(0);
      await store.close();
    });
  });
}
