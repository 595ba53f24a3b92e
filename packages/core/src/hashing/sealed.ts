/**
 * Records hashed when they are built are deep-frozen and their hash remembered. The ledger's
 * integrity check recomputes every content hash before writing; for an object it knows cannot
 * have changed since it was hashed it can skip that (a read call otherwise hashed its evidence
 * and audit twice). Anything not sealed here — a copy, a record parsed from a file, a test
 * fixture — is recomputed in full, so the check is exactly as strict as before.
 */
const sealedHashes = new WeakMap<object, string>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Freezes `record` (and everything in it) and remembers `hash` as its content hash. */
export function sealHashed<T extends object>(record: T, hash: string): T {
  deepFreeze(record);
  sealedHashes.set(record, hash);
  return record;
}

/** The hash `record` was sealed with, or `undefined` when it was not sealed. */
export function sealedHashOf(record: object): string | undefined {
  return sealedHashes.get(record);
}
