import type { SynapsorError } from '../../errors/index.js';

/**
 * Result of an operation that may persist something (an expiry) and still refuse: the store
 * commits, then throws `error`. Plain refusals throw inside the transaction instead.
 */
export type OpOutcome<T> = { ok: true; value: T } | { ok: false; error: SynapsorError };

export function unwrapOutcome<T>(outcome: OpOutcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
