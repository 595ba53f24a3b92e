/**
 * Ids and the injected sources of time and randomness. Core never reads the clock or a CSPRNG
 * itself: callers pass `clock` and `random` so tests are deterministic and core stays pure.
 */
export interface Clock {
  now(): Date;
}

/** Returns `n` bytes from a CSPRNG (e.g. `node:crypto.randomBytes` in the composition root). */
export type RandomSource = (bytes: number) => Uint8Array;

export type IdPrefix = 'wrp' | 'ev' | 'qa' | 'apr' | 'rct' | 'evt' | 'lease' | 'err';

export const STORED_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 1) out += HEX_BYTES[bytes[index]!];
  return out;
}

/** `prefix_` + 24 lowercase hex (96 random bits); error refs use 12 hex. */
export function newId(prefix: IdPrefix, random: RandomSource): string {
  const bytes = prefix === 'err' ? 6 : 12;
  const raw = random(bytes);
  if (raw.length < bytes) throw new RangeError('random source returned too few bytes');
  return `${prefix}_${hex(raw.subarray(0, bytes))}`;
}

export function isStoredId(value: unknown): value is string {
  return typeof value === 'string' && STORED_ID_PATTERN.test(value);
}

/** ISO 8601 UTC with milliseconds. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export const systemClock: Clock = { now: () => new Date() };
