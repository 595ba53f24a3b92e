import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../ids/index.js';

/**
 * Fallback CSPRNG for callers that do not inject one (mirrors `systemClock`); tests and the
 * composition root pass their own `random`.
 */
export const systemRandom: RandomSource = (bytes) => new Uint8Array(randomBytes(bytes));
