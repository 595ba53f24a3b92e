import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { clock, tempStores } from './support.js';

const stores = tempStores('integrity');

/** A store with a read, an applied proposal and a pending one; closed, so raw SQL can tamper. */
async function seeded() {
  const path = stores.next();
  const store = await openSqliteStore({ path, clock });
  const fx = new LedgerFixtures();
  await store.recordRead(fx.read({ object_id: 'R-1' }));
  const { proposal } = await store.createProposal(fx.proposal());
  await store.decide(fx.decide(proposal.proposal_id));
  const claim = fx.claim((await store.getProposal(proposal.proposal_id))!);
  await store.claimWriteback(claim);
  const receipt = fx.receipt(claim.job);
  await store.recordReceipt(receipt);
  expect((await store.verify()).ok).toBe(true);
  await store.close();
  return { path, proposal, receipt: receipt.receipt };
}

function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS proposal_events_tombstone_only');
  db.prepare(sql).run(...params);
  db.close();
}

async function verifyAt(path: string) {
  const store = await openSqliteStore({ path, clock });
  const result = await store.verify();
  await store.close();
  return result;
}

describe('verify detects tampering done with raw SQL', () => {
  it('reports the first broken link of the event chain', async () => {
    const { path } = await seeded();
    tamper(path, `UPDATE proposal_events SET payload_json = '{"capability":"x"}' WHERE seq = 2`);
    const result = await verifyAt(path);
    expect(result).toMatchObject({ ok: false, events: 5, first_break: { seq: 2, reason: 'hash mismatch' } });
    expect(result.record_breaks).toEqual([]);
  });

  it('reports a rewritten prev_hash as an unlinked event', async () => {
    const { path } = await seeded();
    tamper(path, `UPDATE proposal_events SET prev_hash = 'sha256:${'0'.repeat(64)}' WHERE seq = 4`);
    expect((await verifyAt(path)).first_break).toEqual({ seq: 4, reason: 'prev_hash does not link' });
  });

  it.each([
    ['proposal', "UPDATE proposals SET change_set_json = json_set(change_set_json, '$.patch.status', 'paid')"],
    ['evidence_bundle', "UPDATE evidence_bundles SET payload_json = json_set(payload_json, '$.object_id', 'R-2') WHERE object_id = 'R-1'"],
    ['query_audit', 'UPDATE query_audit SET row_count = 2 WHERE object_id = ?', 'R-1'],
    ['receipt', "UPDATE receipts SET receipt_json = json_set(receipt_json, '$.rows_affected', 3)"],
  ])('reports a changed %s as a record break', async (entity, sql, ...params) => {
    const { path } = await seeded();
    tamper(path, sql, ...params);
    const result = await verifyAt(path);
    expect(result.ok).toBe(false);
    expect(result.first_break).toBeNull();
    expect(result.record_breaks.map((b) => b.entity)).toEqual([entity]);
  });

  it('the replay of a tampered proposal shows the failed check', async () => {
    const { path, proposal } = await seeded();
    tamper(path, "UPDATE proposals SET change_set_json = json_set(change_set_json, '$.patch.status', 'paid')");
    const store = await openSqliteStore({ path, clock });
    const doc = await store.replay(proposal.proposal_id, clock.now().toISOString());
    expect(doc?.integrity).toMatchObject({ proposal_hash_ok: false, evidence_hashes_ok: true, receipt_hashes_ok: true, chain_ok: true });
    await store.close();
  });

  it('the events table refuses UPDATE and DELETE (append-only triggers)', async () => {
    const { path } = await seeded();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE proposal_events SET kind = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM proposal_events WHERE seq = 1').run()).toThrow(/append-only/);
    db.close();
  });

  it('a real prune removes evidence items with their bundles and keeps the chain verifiable', async () => {
    const { path } = await seeded();
    const store = await openSqliteStore({ path, clock });
    const result = await store.prune({ cutoff: '2026-06-21T00:00:00.000Z', dryRun: false, event_id: 'evt_prune_1', now: '2026-06-21T00:00:00.000Z' });
    expect(result.counts).toMatchObject({ proposals: 1, evidence_bundles: 2, evidence_items: 2, events: 5 });
    expect((await store.verify())).toMatchObject({ ok: true, tombstones: 5, events: 6 });
    await store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT COUNT(*) FROM evidence_items').pluck().get()).toBe(0);
    db.close();
  });
});

describe('schema column names', () => {
  it('never match the secret key pattern', async () => {
    const { isSecretKey } = await import('@synapsor/core');
    const path = stores.next();
    await (await openSqliteStore({ path, clock })).close();
    const db = new Database(path);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const columns = tables.flatMap((t) => (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name));
    db.close();
    expect(columns.length).toBeGreaterThan(100);
    expect(columns.filter(isSecretKey)).toEqual([]);
  });
});
