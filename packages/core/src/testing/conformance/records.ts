import { describe, expect, it } from 'vitest';
import { LedgerFixtures } from '../ledger-fixtures.js';
import { evidenceContentHash } from '../../ledger/record-hashes.js';
import { GENESIS_HASH, eventHash } from '../../ledger/chain.js';
import { eventCount, expectCode, type StoreFactory } from './support.js';

export function recordConformance(factory: StoreFactory): void {
  describe('reads, evidence and the chain', () => {
    it('stores a read as evidence + audit + chained event and returns them unchanged', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const input = fx.read();
      await store.recordRead(input);
      expect(await store.getEvidence(input.evidence!.evidence_bundle_id)).toEqual(input.evidence);
      expect(await store.getQueryAudit(input.query_audit.query_audit_id)).toEqual(input.query_audit);
      const [event] = await store.listEvents();
      expect(event).toMatchObject({ seq: 1, kind: 'read_recorded', prev_hash: GENESIS_HASH, pruned: false });
      expect(event!.hash).toBe(eventHash(event!));
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it('stores a not-found read as audit only', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const input = fx.read({ outcome: 'not_found' });
      await store.recordRead(input);
      expect(input.evidence).toBeNull();
      expect((await store.getQueryAudit(input.query_audit.query_audit_id))?.outcome).toBe('not_found');
      expect((await store.stats()).counts['evidence_bundles']).toBe(0);
      await store.close();
    });

    it('links each event to the previous hash', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      for (let i = 0; i < 3; i += 1) await store.recordRead(fx.read({ at: fx.at(i) }));
      const events = await store.listEvents();
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(events[1]!.prev_hash).toBe(events[0]!.hash);
      expect(events[2]!.prev_hash).toBe(events[1]!.hash);
      expect((await store.verify())).toMatchObject({ ok: true, events: 3, head: { seq: 3, hash: events[2]!.hash } });
      await store.close();
    });

    it.each([
      ['a secret key in the visible row', { password: 'x' }, 'evidence.items[0].visible_row.password'],
      ['a connection URL value', { note: 'postgres://u:p@db/x' }, 'evidence.items[0].visible_row.note'],
    ])('rejects %s as a whole write, naming the path', async (_label, row, path) => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const input = fx.read({ row: { id: 'INV-1', ...row } });
      const error = await expectCode(store.recordRead(input), 'SECRET_MATERIAL_REJECTED');
      expect(error.message).toContain(path);
      expect(error.message).not.toContain('postgres://');
      expect(await eventCount(store)).toBe(0);
      expect(await store.getQueryAudit(input.query_audit.query_audit_id)).toBeNull();
      await store.close();
    });

    it('refuses evidence whose content_hash does not match', async () => {
      const store = await factory();
      const input = new LedgerFixtures().read();
      input.evidence!.object_id = 'INV-2';
      await expectCode(store.recordRead(input), 'EVIDENCE_HASH_MISMATCH');
      input.evidence!.query_audit_id = 'qa_elsewhere';
      input.evidence!.content_hash = evidenceContentHash(input.evidence!);
      await expectCode(store.recordRead(input), 'LEDGER_LINK_MISMATCH');
      expect(await eventCount(store)).toBe(0);
      await store.close();
    });

    it('refuses a duplicate record id without writing anything', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const input = fx.read();
      await store.recordRead(input);
      await expectCode(store.recordRead({ ...input, event: { ...input.event, event_id: fx.id('evt') } }), 'LEDGER_CONSTRAINT_VIOLATION');
      expect(await eventCount(store)).toBe(1);
      await store.close();
    });

    it('appends only free event kinds directly', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const base = { event_id: fx.id('evt'), proposal_id: null, actor: 'operator_1', payload: { code: 'PROPOSAL_NOT_APPROVED' }, created_at: fx.at() };
      const stored = await store.appendEvent({ ...base, kind: 'writeback_refused' });
      expect(stored).toMatchObject({ seq: 1, kind: 'writeback_refused', payload: { code: 'PROPOSAL_NOT_APPROVED' } });
      await expectCode(store.appendEvent({ ...base, event_id: fx.id('evt'), kind: 'proposal_approved' }), 'EVENT_KIND_NOT_APPENDABLE');
      await expectCode(store.appendEvent({ ...base, event_id: fx.id('evt'), kind: 'writeback_refused', payload: { token: 'x' } }), 'SECRET_MATERIAL_REJECTED');
      expect(await eventCount(store)).toBe(1);
      await store.close();
    });

    it('keeps runner state and refuses secret material in it', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      expect(await store.getState('webhook_cursor:abc')).toBeNull();
      await store.setState('webhook_cursor:abc', { seq: 4 }, fx.at());
      await store.setState('webhook_cursor:abc', { seq: 9 }, fx.at(1));
      expect(await store.getState('webhook_cursor:abc')).toEqual({ seq: 9 });
      await expectCode(store.setState('cfg', { auth_token: 'x' }, fx.at()), 'SECRET_MATERIAL_REJECTED');
      await expectCode(store.setState('cfg', 'Bearer abcdefghijkl', fx.at()), 'SECRET_MATERIAL_REJECTED');
      expect(await store.getState('cfg')).toBeNull();
      await store.close();
    });
  });
}
