// group-commit.test.ts's guarantees, through the worker thread: requests posted in one
// event-loop turn arrive together and share one commit; failures stay per call; a promise
// settles only after its commit; and a process using the threaded store exits by itself.
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
import { clock, errorOf, tempStores } from './support.js';
import { bundledLedgerWorker } from './threaded-support.js';

const stores = tempStores('threaded-gc');
const workerScript = bundledLedgerWorker();
const threaded = (path: string, extra: { busyTimeoutMs?: number } = {}) =>
  openSqliteStore({ path, thread: 'worker', workerScript: workerScript(), fixedNow: clock.now().toISOString(), ...extra });
const walFrames = (path: string) => Math.max(0, (statSync(`${path}-wal`).size - 32) / (4096 + 24));

let writer = '';
let exiter = '';
beforeAll(async () => {
  const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
  writer = await bundleForNode(fixture('group-commit-writer'), 'threaded-gc-writer');
  exiter = await bundleForNode(fixture('threaded-exit'), 'threaded-exit');
});
afterAll(() => {
  rmSync(writer, { force: true });
  rmSync(exiter, { force: true });
});

function runChild(script: string, args: string[]) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (out.stdout += chunk));
  child.stderr.on('data', (chunk) => (out.stderr += chunk));
  return { child, out };
}

describe('threaded store: group commit through the thread', () => {
  it('eight concurrent reads share commits: far fewer WAL frames than eight awaited ones', async () => {
    const path = stores.next();
    const store = await threaded(path);
    const fx = new LedgerFixtures();
    for (let i = 0; i < 8; i += 1) await store.recordRead(fx.read({ object_id: `warm-${i}` }));
    let before = walFrames(path);
    for (let i = 0; i < 8; i += 1) await store.recordRead(fx.read({ object_id: `seq-${i}` }));
    const sequential = walFrames(path) - before;
    before = walFrames(path);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.recordRead(fx.read({ object_id: `batch-${i}` }))));
    const batched = walFrames(path) - before;
    expect(batched).toBeGreaterThan(0);
    expect(batched).toBeLessThan(sequential / 2);
    expect(await store.verify()).toMatchObject({ ok: true, events: 24 });
    await store.close();
  });

  it('a call that fails inside a batch is rejected alone with its own code; its neighbours commit', async () => {
    const store = await threaded(stores.next());
    const fx = new LedgerFixtures();
    const tampered = fx.read({ object_id: 'BAD' });
    tampered.evidence = { ...tampered.evidence!, object_id: 'changed-after-hashing' };
    const second = fx.read({ object_id: 'GOOD-2' });
    const partial = fx.read({ object_id: 'PARTIAL' });
    partial.event = { ...partial.event, event_id: second.event.event_id };
    const results = await Promise.allSettled([
      store.recordRead(fx.read({ object_id: 'GOOD-1' })),
      store.recordRead(tampered),
      store.recordRead(second),
      store.recordRead(partial),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.code).toBe('EVIDENCE_HASH_MISMATCH');
    expect((results[3] as PromiseRejectedResult).reason.code).toBe('LEDGER_CONSTRAINT_VIOLATION');
    expect((await store.listEvidence()).map((e) => e.object_id).sort()).toEqual(['GOOD-1', 'GOOD-2']);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('a batch that cannot commit (ledger locked) fails every call with LEDGER_BUSY, nothing written', async () => {
    const path = stores.next();
    const store = await threaded(path, { busyTimeoutMs: 20 });
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

  it('a read issued right after un-awaited writes sees them (one FIFO port)', async () => {
    const store = await threaded(stores.next());
    const fx = new LedgerFixtures();
    const first = fx.read({ object_id: 'queued-1' });
    const pending = store.recordRead(first);
    expect((await store.getEvidence(first.evidence!.evidence_bundle_id))?.object_id).toBe('queued-1');
    await pending;
    await store.close();
  });

  it('under SIGKILL, every read acknowledged before the kill is in the ledger, whole', async () => {
    const path = stores.next();
    await (await openSqliteStore({ path, clock })).close();
    const { child, out } = runChild(writer, [path, 'k2', workerScript()]);
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (out.stdout.split('\n').length > 400) {
          clearInterval(check);
          resolve();
        }
      }, 5);
      child.once('exit', (code) => {
        clearInterval(check);
        reject(new Error(`writer exited early (${code}): ${out.stderr}`));
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const acknowledged = out.stdout.split('\n').filter((line) => line.startsWith('K-'));
    const store = await openSqliteStore({ path, clock });
    const stored = new Set((await Promise.all(acknowledged.map((id) => store.listEvidence({ object_id: id })))).flat().map((e) => e.object_id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const stats = await store.stats();
    expect(stats.counts.evidence_bundles).toBe(stats.counts.query_audit);
    expect(await store.verify()).toMatchObject({ ok: true, first_break: null });
    await store.close();
  });
});

describe('threaded store: the process still exits by itself', () => {
  for (const [mode, printed, rows] of [['close', 'closed\n', 1], ['pending', 'committed\n', 2], ['idle', '', 1]] as const) {
    it(`${mode}: exit 0 without process.exit, no unhandled rejection, writes committed`, async () => {
      const path = stores.next();
      const { child, out } = runChild(exiter, [path, workerScript(), mode]);
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect({ code, stdout: out.stdout, stderr: out.stderr }).toEqual({ code: 0, stdout: printed, stderr: '' });
      const store = await openSqliteStore({ path, clock });
      expect((await store.stats()).counts.evidence_bundles).toBe(rows);
      await store.close();
    });
  }
});
