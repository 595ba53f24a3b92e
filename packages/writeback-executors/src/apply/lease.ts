import type { WritebackJob } from '@synapsor/core';

/** Signal 0 probes a pid without touching it; EPERM means it exists under another user. */
export function defaultIsPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stale = expired, or held on this host by a pid that is gone (a crashed apply). */
export function isLeaseStale(
  lease: WritebackJob['lease'],
  now: Date,
  host: { hostname: string; isPidAlive: (pid: number) => boolean },
): boolean {
  if (Date.parse(lease.expires_at) <= now.getTime()) return true;
  return lease.holder.hostname === host.hostname && !host.isPidAlive(lease.holder.pid);
}
