import { randomFillSync } from 'node:crypto';
import type { RandomSource } from '../ids/index.js';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * Fallback CSPRNG for callers that do not inject one (mirrors `systemClock`); tests and the
 * composition root pass their own `random`. Bytes come from a 4 KiB pool refilled by the
 * CSPRNG (like Node's own `randomUUID`): one `randomFillSync` per ~340 ids instead of one per
 * id, which was ~6 % of a read call. Each byte is handed out once, as a copy.
 */
export const systemRandom: RandomSource = (bytes) => {
  if (bytes > POOL_BYTES) return randomFillSync(new Uint8Array(bytes));
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.slice(offset, offset + bytes);
  offset += bytes;
  return out;
};
