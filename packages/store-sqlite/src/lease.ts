import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { SynapsorError } from '@synapsor/core';
import * as v from 'valibot';

export type LeaseTransport = 'stdio' | 'streamable-http' | 'http';

/** `<store>.lease.json` (ledger.md "Leases"). */
export interface StoreLease {
  pid: number;
  hostname: string;
  transport: LeaseTransport;
  store_path: string;
  started_at: string;
}

const LeaseSchema = v.strictObject({
  pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  hostname: v.pipe(v.string(), v.minLength(1)),
  transport: v.picklist(['stdio', 'streamable-http', 'http']),
  store_path: v.string(),
  started_at: v.string(),
});

export function leasePath(storePath: string): string {
  return `${storePath}.lease.json`;
}

/** The lease file, or `null` when absent or unreadable (an unreadable lease is stale). */
export function readLease(storePath: string): StoreLease | null {
  let text: string;
  try {
    text = readFileSync(leasePath(storePath), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = v.safeParse(LeaseSchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** Live: same host and the pid answers signal 0 (EPERM = alive); another host is always live. */
export function isLeaseLive(lease: StoreLease, host: string = osHostname()): boolean {
  if (lease.hostname !== host) return true;
  try {
    process.kill(lease.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lease held by this very process does not block its own maintenance calls. */
export function isOwnLease(lease: StoreLease): boolean {
  return lease.pid === process.pid && lease.hostname === osHostname();
}

export function storeInUse(lease: StoreLease): SynapsorError {
  return new SynapsorError(
    'STORE_IN_USE',
    `The local store is in use by a ${lease.transport} server (pid ${lease.pid}, started ${lease.started_at})`,
    { transport: lease.transport, pid: lease.pid, started_at: lease.started_at },
  );
}

/** Refuses (`STORE_IN_USE`) while another live process holds the lease, unless forced. */
export function assertNoLiveLease(storePath: string, force = false): void {
  if (force || storePath === ':memory:') return;
  const lease = readLease(storePath);
  if (lease && !isOwnLease(lease) && isLeaseLive(lease)) throw storeInUse(lease);
}

export interface AcquireLeaseOptions {
  storePath: string;
  transport: LeaseTransport;
  pid?: number;
  hostname?: string;
  allowConcurrent?: boolean;
  /** Timestamp for `started_at`; default now. */
  now?: string;
}

export interface AcquiredLease {
  /** `null` with `allowConcurrent` beside a live lease (nothing written). */
  lease: StoreLease | null;
  /** Human notices: a replaced stale lease, or the concurrent-use warning. */
  notices: string[];
}

function writeExclusive(path: string, lease: StoreLease): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'Could not write the store lease');
  }
  try {
    writeSync(fd, `${JSON.stringify(lease, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the serving lease with an exclusive create, so two servers racing cannot both win.
 * A stale lease is replaced (with a notice); a live one refuses unless `allowConcurrent`.
 */
export function acquireLease(options: AcquireLeaseOptions): AcquiredLease {
  const lease: StoreLease = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? osHostname(),
    transport: options.transport,
    store_path: options.storePath,
    started_at: options.now ?? new Date().toISOString(),
  };
  const path = leasePath(options.storePath);
  const notices: string[] = [];
  for (let tries = 0; tries < 3; tries += 1) {
    if (writeExclusive(path, lease)) return { lease, notices };
    const existing = readLease(options.storePath);
    if (existing && isLeaseLive(existing)) {
      if (!options.allowConcurrent) throw storeInUse(existing);
      notices.push(`Store already served by pid ${existing.pid} (${existing.transport}); continuing without a lease`);
      return { lease: null, notices };
    }
    notices.push(existing ? `Replaced a stale lease of pid ${existing.pid} (started ${existing.started_at})` : 'Replaced an unreadable lease file');
    try {
      unlinkSync(path);
    } catch {
      // Another process removed it first; the next exclusive create decides.
    }
  }
  throw new SynapsorError('STORE_IN_USE', 'Could not take the store lease');
}

/** Removes the lease file only if it is still ours. */
export function releaseLease(storePath: string, lease: StoreLease): boolean {
  const current = readLease(storePath);
  const ours = current && current.pid === lease.pid && current.hostname === lease.hostname && current.started_at === lease.started_at;
  if (!ours) return false;
  try {
    unlinkSync(leasePath(storePath));
    return true;
  } catch {
    return false;
  }
}
