import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
import { clock, errorOf, tempStores } from './support.js';

const stores = tempStores('group-commit');
const walFrames = (path: string) => Math.max(0, (statSync(`${path}-wal`).size - 32) / (4096 + 24));

describe('group commit: writes of one event-loop turn share a transaction', () => {
  it('eight concurrent reads all land, and cost far fewer WAL frames than eight separate commits', async () => {
    const path = stores.next();
    const store = await openSqliteStore({ path, clock });
    const fx = new LedgerFixtures();
    for (let i = 0; i < 8; i += 1) await store.recordRead(fx.read({ object_id: `warm-${i}` }));
    let before = walFrames(path);
    for (let i = 0; i < 8; i += 1) await store.recordRead(fx.read({ object_id: `seq-${i}` }));
    const sequential = walFrames(path) - before;
    before = walFrames(path);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.recordRead(fx.read({ object_id: `batch-${i}` }))));
    const batched = walFrames(path) - before;
    expect(await store.listEvidence({ limit: 200 })).toHaveLength(24);
    expect(batched).toBeGreaterThan(0);
    expect(batched).toBeLessThan(sequential / 2);
    expect(await store.verify()).toMatchObject({ ok: true, events: 24 });
    await store.close();
  });

  it('a call that fails inside a batch is rejected alone with its own code; its neighbours commit', async () => {
    const store = await openSqliteStore({ path: stores.next(), clock });
    const fx = new LedgerFixtures();
    const good = fx.read({ object_id: 'GOOD-1' });
    const tampered = fx.read({ object_id: 'BAD' });
    tampered.evidence = { ...tampered.evidence!, object_id: 'changed-after-hashing' };
    const second = fx.read({ object_id: 'GOOD-2' });
    // Its evidence and audit insert fine; then its event reuses GOOD-2's event id and the
    // unique index refuses it, so its savepoint must take the two rows back out.
    const partial = fx.read({ object_id: 'PARTIAL' });
    partial.event = { ...partial.event, event_id: second.event.event_id };
    const results = await Promise.allSettled([
      store.recordRead(good),
      store.recordRead(tampered),
      store.recordRead(second),
      store.recordRead(partial),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.code).toBe('EVIDENCE_HASH_MISMATCH');
    expect((results[3] as PromiseRejectedResult).reason.code).toBe('LEDGER_CONSTRAINT_VIOLATION');
    const objects = (await store.listEvidence()).map((e) => e.object_id).sort();
    expect(objects).toEqual(['GOOD-1', 'GOOD-2']);
    // No half-written neighbour: every audit has its bundle, and the chain holds exactly two events.
    expect(await store.listQueryAudit()).toHaveLength(2);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('when the batch cannot commit (ledger locked), every call of it fails with LEDGER_BUSY and nothing is written', async () => {
    const path = stores.next();
    const store = await openSqliteStore({ path, clock, busyTimeoutMs: 20 });
    const fx = new LedgerFixtures();
    await store.recordRead(fx.read({ object_id: 'before' }));
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const errors = await Promise.all([1, 2, 3].map((i) => errorOf(store.recordRead(fx.read({ object_id: `locked-${i}` })))));
    expect(errors.map((e) => e?.code)).toEqual(['LEDGER_BUSY', 'LEDGER_BUSY', 'LEDGER_BUSY']);
    holder.exec('ROLLBACK');
    holder.close();
    expect((await store.listEvidence()).map((e) => e.object_id)).toEqual(['before']);
    await store.close();
  });

  it('a read issued right after un-awaited writes sees them, and close() commits what is queued', async () => {
    const path = stores.next();
    const store = await openSqliteStore({ path, clock });
    const fx = new LedgerFixtures();
    const first = fx.read({ object_id: 'queued-1' });
    const pending = store.recordRead(first);
    const seen = await store.getEvidence(first.evidence!.evidence_bundle_id);
    expect(seen?.object_id).toBe('queued-1');
    await pending;
    const last = store.recordRead(fx.read({ object_id: 'queued-at-close' }));
    await store.close();
    await expect(last).resolves.toBeUndefined();
    const reopened = await openSqliteStore({ path, clock });
    expect((await reopened.listEvidence()).map((e) => e.object_id).sort()).toEqual(['queued-1', 'queued-at-close']);
    await reopened.close();
  });
});

describe('group commit under SIGKILL', () => {
  let writer = '';
  beforeAll(async () => {
    writer = await bundleForNode(fileURLToPath(new URL('./fixtures/group-commit-writer.ts', import.meta.url)), 'group-commit-writer');
  });
  afterAll(async () => {
    const { rmSync } = await import('node:fs');
    rmSync(writer, { force: true });
  });

  it('every read whose promise resolved before the kill is in the ledger, whole, with an intact chain', async () => {
    const path = stores.next();
    await (await openSqliteStore({ path, clock })).close();
    const child = spawn(process.execPath, [writer, path, 'k1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    // Kill mid-stream, once a good number of waves have committed.
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (out.split('\n').length > 400) {
          clearInterval(check);
          resolve();
        }
      }, 5);
      child.once('exit', (code) => {
        clearInterval(check);
        reject(new Error(`writer exited early (${code}): ${err}`));
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const acknowledged = out.split('\n').filter((line) => line.startsWith('K-'));

    const store = await openSqliteStore({ path, clock });
    const stored = new Set((await Promise.all(acknowledged.map((id) => store.listEvidence({ object_id: id })))).flat().map((e) => e.object_id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const stats = await store.stats();
    // Unacknowledged reads may or may not have committed, but each one is whole.
    expect(stats.counts.evidence_bundles).toBe(stats.counts.query_audit);
    expect(await store.verify()).toMatchObject({ ok: true, first_break: null });
    await store.close();
  });
});
