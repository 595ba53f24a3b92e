import { statSync, writeFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { SCHEMA_VERSION, openSqliteStore, resetSqliteStore } from '@synapsor/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'synapsor-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = { now: () => new Date('2026-06-20T14:00:00.000Z') };
let n = 0;
const fresh = () => join(dir, `case${(n += 1)}`, 'nested', 'ledger.db');

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(() => ({ code: 'NONE', message: '' }), (e: { code: string; message: string }) => e);
}

describe('opening a store', () => {
  it('creates the folder 0700 and the file 0600, with WAL and the spec pragmas', async () => {
    const path = fresh();
    const store = await openSqliteStore({ path, clock });
    await store.close();
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('migrates an empty file, then keeps data across reopen', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
    const fx = new LedgerFixtures();
    const store = await openSqliteStore({ path, clock });
    const input = fx.read();
    await store.recordRead(input);
    await store.close();
    const again = await openSqliteStore({ path, clock });
    expect(await again.getEvidence(input.evidence!.evidence_bundle_id)).toEqual(input.evidence);
    const db = new Database(path);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['approvals', 'evidence_bundles', 'evidence_items', 'proposal_events', 'proposals', 'query_audit', 'receipts', 'replay_records', 'runner_state', 'writeback_jobs']);
    db.close();
    await again.close();
  });

  it('refuses a file that is not SQLite with STORE_CORRUPT naming the path and store reset', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'this is not a database, just some text that is long enough to be a header......');
    const error = await codeOf(openSqliteStore({ path, clock }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(path);
    expect(error.message).toContain('store reset');
    expect(error.message).not.toMatch(/SQLITE|file is not a database/);
    expect(resetSqliteStore({ path }).deleted).toContain(path);
    expect((await codeOf(openSqliteStore({ path, clock }).then((s) => s.close()))).code).toBe('NONE');
  });

  it('refuses a SQLite file that belongs to another program', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    const db = new Database(path);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    db.close();
    expect((await codeOf(openSqliteStore({ path, clock }))).code).toBe('STORE_CORRUPT');
  });

  it('refuses a newer schema with STORE_SCHEMA_TOO_NEW naming both versions', async () => {
    const path = fresh();
    (await openSqliteStore({ path, clock })).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const error = await codeOf(openSqliteStore({ path, clock }));
    expect(error.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error.message).toContain('99');
    expect(error.message).toContain(`version ${SCHEMA_VERSION}`);
  });

  it('answers LOCAL_STORE_UNAVAILABLE when the folder cannot be created', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    const error = await codeOf(openSqliteStore({ path: join(blocker, 'ledger.db'), clock }));
    expect(error.code).toBe('LOCAL_STORE_UNAVAILABLE');
    expect(error.message).not.toContain(blocker);
  });

  it('answers LOCAL_STORE_UNAVAILABLE, without the path, once the file is deleted under it', async () => {
    const path = fresh();
    const store = await openSqliteStore({ path, clock });
    rmSync(path);
    const error = await codeOf(store.recordRead(new LedgerFixtures().read()));
    expect(error.code).toBe('LOCAL_STORE_UNAVAILABLE');
    expect(error.message).not.toContain(path);
    await store.close();
  });

  it('refuses calls after close', async () => {
    const store = await openSqliteStore({ path: ':memory:', clock });
    await store.close();
    expect((await codeOf(store.stats())).code).toBe('LOCAL_STORE_UNAVAILABLE');
  });
});
