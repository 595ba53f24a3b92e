import type { LeaseTransport } from '@synapsor/store-sqlite';
import { refusalsAsFailures } from './errors.js';
import type { CliIo } from './io.js';

export interface HeldLease {
  release(): void;
}

/**
 * Takes `<store>.lease.json` for a serving process (ledger.md "Leases"): a live lease held by
 * another server refuses with `STORE_IN_USE` (exit 1) unless `allowConcurrent`.
 */
export async function takeServingLease(
  io: CliIo,
  storePath: string,
  transport: LeaseTransport,
  allowConcurrent: boolean,
): Promise<HeldLease> {
  if (storePath === ':memory:') return { release: () => undefined };
  // Loaded on use like every store import (support/store.ts); serving has opened the store already.
  const { acquireLease, releaseLease } = await import('@synapsor/store-sqlite');
  const acquired = await refusalsAsFailures(async () => acquireLease({ storePath, transport, allowConcurrent }));
  for (const notice of acquired.notices) io.stderr(`warning: ${notice}\n`);
  let released = false;
  return {
    release: () => {
      if (released || !acquired.lease) return;
      released = true;
      releaseLease(storePath, acquired.lease);
    },
  };
}
