import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLease, isLeaseLive, leasePath, openSqliteStore, readLease, releaseLease, resetSqliteStore, type StoreLease } from '@synapsor/store-sqlite';
import { clock, errorOf, tempStores } from './support.js';

const stores = tempStores('lease');

/** The pid of a process that has really exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

function writeLease(storePath: string, lease: Partial<StoreLease>): void {
  mkdirSync(dirname(storePath), { recursive: true });
  const full = { pid: process.pid, hostname: hostname(), transport: 'stdio', store_path: storePath, started_at: '2026-06-20T10:00:00.000Z', ...lease };
  writeFileSync(leasePath(storePath), JSON.stringify(full));
}

describe('leases', () => {
  it('writes <store>.lease.json (0600) and releases only its own lease', () => {
    const storePath = stores.next();
    mkdirSync(dirname(storePath), { recursive: true });
    const { lease, notices } = acquireLease({ storePath, transport: 'streamable-http', now: '2026-06-20T10:00:00.000Z' });
    expect(notices).toEqual([]);
    expect(JSON.parse(readFileSync(leasePath(storePath), 'utf8'))).toEqual({
      pid: process.pid, hostname: hostname(), transport: 'streamable-http', store_path: storePath, started_at: '2026-06-20T10:00:00.000Z',
    });
    expect(statSync(leasePath(storePath)).mode & 0o777).toBe(0o600);
    expect(releaseLease(storePath, { ...lease!, started_at: '2026-06-20T11:00:00.000Z' })).toBe(false);
    expect(releaseLease(storePath, lease!)).toBe(true);
    expect(existsSync(leasePath(storePath))).toBe(false);
  });

  it('refuses a second server beside a live lease with STORE_IN_USE naming transport, pid and start', () => {
    const storePath = stores.next();
    writeLease(storePath, { transport: 'http' });
    const error = (() => { try { acquireLease({ storePath, transport: 'stdio' }); return null; } catch (e) { return e as { code: string; message: string }; } })();
    expect(error?.code).toBe('STORE_IN_USE');
    expect(error?.message).toContain('http');
    expect(error?.message).toContain(String(process.pid));
    expect(error?.message).toContain('2026-06-20T10:00:00.000Z');
    const concurrent = acquireLease({ storePath, transport: 'stdio', allowConcurrent: true });
    expect(concurrent.lease).toBeNull();
    expect(concurrent.notices).toHaveLength(1);
    expect(readLease(storePath)?.transport).toBe('http');
  });

  it('reclaims the lease of a dead pid with a notice', async () => {
    const storePath = stores.next();
    const pid = await deadPid();
    writeLease(storePath, { pid });
    expect(isLeaseLive(readLease(storePath)!)).toBe(false);
    const { lease, notices } = acquireLease({ storePath, transport: 'stdio' });
    expect(lease?.pid).toBe(process.pid);
    expect(notices[0]).toContain(String(pid));
    expect(readLease(storePath)?.pid).toBe(process.pid);
  });

  it('treats a lease from another host as live, and a garbled file as absent', () => {
    const storePath = stores.next();
    writeLease(storePath, { hostname: 'other-host', pid: 999_999 });
    expect(isLeaseLive(readLease(storePath)!)).toBe(true);
    writeFileSync(leasePath(storePath), '{not json');
    expect(readLease(storePath)).toBeNull();
    expect(acquireLease({ storePath, transport: 'stdio' }).notices).toEqual(['Replaced an unreadable lease file']);
  });

  it('prune --yes, vacuum and reset refuse beside a live lease unless forced; a dry run does not', async () => {
    const path = stores.next();
    const store = await openSqliteStore({ path, clock });
    writeLease(path, { hostname: 'other-host', pid: 4242, transport: 'streamable-http' });
    const prune = { cutoff: '2026-06-01T00:00:00.000Z', event_id: 'evt_p1', now: '2026-06-20T14:00:00.000Z' };
    expect((await store.prune({ ...prune, dryRun: true })).dry_run).toBe(true);
    expect((await errorOf(store.prune({ ...prune, dryRun: false })))?.code).toBe('STORE_IN_USE');
    expect((await errorOf(store.vacuum()))?.code).toBe('STORE_IN_USE');
    expect((await errorOf(store.reset()))?.code).toBe('STORE_IN_USE');
    expect(() => resetSqliteStore({ path })).toThrow(expect.objectContaining({ code: 'STORE_IN_USE' }));
    expect((await store.stats()).lease).toMatchObject({ pid: 4242, live: true });
    expect((await store.prune({ ...prune, dryRun: false, force: true })).dry_run).toBe(false);
    const vacuum = await store.vacuum({ force: true });
    expect(vacuum.bytes_after).toBeGreaterThan(0);
    await store.reset({ force: true });
    for (const file of [path, `${path}-wal`, `${path}-shm`, leasePath(path)]) expect(existsSync(file)).toBe(false);
  });

  it('refuses to reset an in-memory store', async () => {
    const store = await openSqliteStore({ path: ':memory:', clock });
    expect((await errorOf(store.reset({ force: true })))?.code).toBe('STORE_RESET_REFUSED');
    expect(() => resetSqliteStore({ path: ':memory:' })).toThrow(expect.objectContaining({ code: 'STORE_RESET_REFUSED' }));
    await store.close();
  });
});
