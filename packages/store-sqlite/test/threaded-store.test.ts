import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SynapsorError, type LedgerStore } from '@synapsor/core';
import { LedgerFixtures } from '@synapsor/core/testing';
import { SCHEMA_VERSION, leasePath, openSqliteStore } from '@synapsor/store-sqlite';
import { clock, errorOf, tempStores } from './support.js';
import { bundledLedgerWorker } from './threaded-support.js';

const stores = tempStores('threaded');
const workerScript = bundledLedgerWorker();
const fixedNow = clock.now().toISOString();
const threaded = (path: string, extra: { busyTimeoutMs?: number } = {}) =>
  openSqliteStore({ path, thread: 'worker', workerScript: workerScript(), fixedNow, ...extra });

/** The worker thread behind a threaded store (test-only access, to kill it). */
function workerOf(store: LedgerStore): { terminate(): Promise<number> } {
  const link = (store as unknown as Record<symbol, unknown>)[Symbol.for('synapsor.store-sqlite.worker-link')];
  return (link as { worker: { terminate(): Promise<number> } }).worker;
}

const shape = (e: unknown) => ({ code: (e as SynapsorError).code, message: (e as SynapsorError).message, details: (e as SynapsorError).details });

describe('threaded store: errors cross the thread with their codes', () => {
  it('refusals arrive as SynapsorError with the same code, message and details as in-thread', async () => {
    const inThread = await openSqliteStore({ path: stores.next(), clock });
    const path = stores.next();
    const worker = await threaded(path);
    const fx = new LedgerFixtures();
    const tampered = fx.read();
    tampered.evidence = { ...tampered.evidence!, object_id: 'changed-after-hashing' };
    const badHash = fx.proposal({ object_id: 'hash' });
    const build = badHash.build;
    badHash.build = (existing) => {
      const write = build(existing);
      return { ...write, proposal: write.proposal && { ...write.proposal, proposal_hash: 'sha256:0000' } };
    };
    // Another live process's lease: STORE_IN_USE carries details (transport, pid, start).
    const lease = { pid: process.ppid, hostname: hostname(), transport: 'http', started_at: '2026-06-20T10:00:00.000Z' };
    const cases: Array<(s: LedgerStore, p: string) => Promise<unknown>> = [
      (s) => s.decide(fx.decide('wrp_000000000000000000000000')),
      (s) => s.recordRead(tampered),
      (s) => s.createProposal(badHash),
      // `build` runs on the main thread for the threaded store: its throws convert the same way.
      (s) => s.createProposal({ ...fx.proposal(), build: () => { throw new SynapsorError('PROPOSAL_STATE_INVALID', 'no'); } }),
      (s) => s.createProposal({ ...fx.proposal(), build: () => { throw new Error('driver text /secret/path'); } }),
      (s) => s.prune({ cutoff: 'yesterday', dryRun: true, event_id: 'evt_x', now: fixedNow }),
      (s) => s.listEvidence({ limit: 0 }),
      (s) => s.listEvents({ from: 'not-a-time' }),
      (s, p) => {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(leasePath(p), JSON.stringify({ ...lease, store_path: p }));
        return s.vacuum();
      },
    ];
    for (const run of cases) {
      const expected = await errorOf(run(inThread, inThread.path));
      const actual = await errorOf(run(worker, path));
      expect(expected, String(run)).not.toBeNull();
      expect(actual).toBeInstanceOf(SynapsorError);
      expect(shape(actual)).toEqual(shape(expected));
    }
    expect(shape(await errorOf(worker.vacuum()))).toMatchObject({ code: 'STORE_IN_USE', details: { transport: 'http', pid: process.ppid } });
    await Promise.all([inThread.close(), worker.close()]);
  });

  it('refuses an injected clock or random source (functions cannot cross threads)', async () => {
    const options = { path: stores.next(), thread: 'worker', workerScript: workerScript(), clock } as unknown as Parameters<typeof openSqliteStore>[0];
    await expect(openSqliteStore(options)).rejects.toThrow(TypeError);
  });
});

describe('threaded store: open errors surface from the open call', () => {
  it('a file that is not SQLite → STORE_CORRUPT naming the path', async () => {
    const path = stores.next();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'this is not a database, just some text that is long enough to be a header......');
    const error = await errorOf(threaded(path));
    expect(error).toBeInstanceOf(SynapsorError);
    expect(error?.code).toBe('STORE_CORRUPT');
    expect(error?.message).toContain(path);
    expect(error?.message).toContain('store reset');
  });

  it('a newer schema → STORE_SCHEMA_TOO_NEW naming both versions', async () => {
    const path = stores.next();
    await (await openSqliteStore({ path, clock })).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const error = await errorOf(threaded(path));
    expect(error?.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error?.message).toContain('99');
    expect(error?.message).toContain(`version ${SCHEMA_VERSION}`);
  });

  it('a folder that cannot be created, or a missing worker script → LOCAL_STORE_UNAVAILABLE without paths', async () => {
    const blocker = join(stores.dir, 'blocker');
    writeFileSync(blocker, 'x');
    const folder = await errorOf(threaded(join(blocker, 'ledger.db')));
    expect(folder).toMatchObject({ code: 'LOCAL_STORE_UNAVAILABLE' });
    expect(folder?.message).not.toContain(blocker);
    const missing = join(stores.dir, 'no-such-worker.mjs');
    const noScript = await errorOf(openSqliteStore({ path: stores.next(), thread: 'worker', workerScript: missing }));
    expect(noScript).toMatchObject({ code: 'LOCAL_STORE_UNAVAILABLE', message: 'The local store worker could not start' });
    expect(noScript?.message).not.toContain(missing);
  });
});

describe('threaded store: close and failure', () => {
  it('close() commits writes queued before it; later calls fail LOCAL_STORE_UNAVAILABLE; close twice is fine', async () => {
    const path = stores.next();
    const store = await threaded(path);
    const fx = new LedgerFixtures();
    const writes = Array.from({ length: 20 }, (_, i) => store.recordRead(fx.read({ object_id: `Q-${i}` })));
    await store.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(20);
    expect(await errorOf(store.stats())).toMatchObject({ code: 'LOCAL_STORE_UNAVAILABLE', message: 'The local store is closed' });
    await store.close();
    const reopened = await openSqliteStore({ path, clock });
    expect((await reopened.stats()).counts.evidence_bundles).toBe(20);
    expect(await reopened.verify()).toMatchObject({ ok: true, events: 20 });
    await reopened.close();
  });

  it('a killed worker rejects pending and later calls with LOCAL_STORE_UNAVAILABLE; nothing hangs', async () => {
    const store = await threaded(stores.next());
    const fx = new LedgerFixtures();
    await store.recordRead(fx.read({ object_id: 'before' }));
    const pending = Array.from({ length: 50 }, (_, i) => errorOf(store.recordRead(fx.read({ object_id: `P-${i}` }))));
    const pendingRead = errorOf(store.listEvidence());
    await workerOf(store).terminate();
    const settled = await Promise.all([...pending, pendingRead]);
    // Calls the worker answered before it died resolved; every other one failed closed.
    const failed = settled.filter((e) => e !== null);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((e) => e!.code))).toEqual(new Set(['LOCAL_STORE_UNAVAILABLE']));
    expect(await errorOf(store.recordRead(fx.read({ object_id: 'after' })))).toMatchObject({ code: 'LOCAL_STORE_UNAVAILABLE' });
    expect(await errorOf(store.createProposal(fx.proposal()))).toMatchObject({ code: 'LOCAL_STORE_UNAVAILABLE' });
    await store.close();
  });

  it('reset deletes the ledger and closes the store, like in-thread', async () => {
    const path = stores.next();
    const store = await threaded(path);
    await store.recordRead(new LedgerFixtures().read());
    await store.reset({ force: true });
    expect(await errorOf(store.stats())).toMatchObject({ code: 'LOCAL_STORE_UNAVAILABLE' });
    const fresh = await openSqliteStore({ path, clock });
    expect((await fresh.stats()).counts.evidence_bundles).toBe(0);
    await fresh.close();
    const memory = await threaded(':memory:');
    expect(await errorOf(memory.reset())).toMatchObject({ code: 'STORE_RESET_REFUSED' });
    expect((await memory.stats()).path).toBe(':memory:');
    await memory.close();
  });
});

describe('threaded store: createProposal across the thread', () => {
  it('builds on the main thread for the duplicate the worker found, and reuses it', async () => {
    const store = await threaded(stores.next());
    const fx = new LedgerFixtures();
    const first = await store.createProposal(fx.proposal({ at: fx.at(0) }));
    const input = fx.proposal({ at: fx.at(1) });
    const seen: Array<string | null> = [];
    const build = input.build;
    input.build = (existing) => {
      seen.push(existing?.proposal_id ?? null);
      return build(existing);
    };
    const second = await store.createProposal(input);
    // Round one guessed "no duplicate"; the worker answered with the waiting one.
    expect(seen).toEqual([null, first.proposal.proposal_id]);
    expect(second).toMatchObject({ reused: true, proposal: { proposal_id: first.proposal.proposal_id } });
    const kinds = (await store.listEvents({ proposal: first.proposal.proposal_id })).map((e) => e.kind);
    expect(kinds).toEqual(['proposal_created', 'proposal_deduplicated']);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });
});
