import { SynapsorError } from '../errors/index.js';
import { DURATION_PATTERN } from './patterns.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const MIN_DURATION_MS = UNIT_MS.m!;
export const MAX_DURATION_MS = 365 * UNIT_MS.d!;

/** Milliseconds of a config duration, or `undefined` when it breaks the rule (1m ≤ v ≤ 365d). */
export function tryParseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DURATION_PATTERN.test(value)) return undefined;
  const ms = Number(value.slice(0, -1)) * UNIT_MS[value.slice(-1)]!;
  return ms >= MIN_DURATION_MS && ms <= MAX_DURATION_MS ? ms : undefined;
}

export function isDuration(value: unknown): value is string {
  return tryParseDuration(value) !== undefined;
}

/** `'72h'` → 259200000. Throws `INVALID_EXPIRES_AFTER` for anything outside the rule. */
export function parseDuration(value: string): number {
  const ms = tryParseDuration(value);
  if (ms === undefined) {
    throw new SynapsorError('INVALID_EXPIRES_AFTER', 'duration must match ^[1-9][0-9]{0,5}[smhd]$ and lie between 1m and 365d');
  }
  return ms;
}

/** ISO timestamp + duration → ISO timestamp (UTC, milliseconds). */
export function addDuration(isoTimestamp: string, duration: string): string {
  const start = Date.parse(isoTimestamp);
  if (Number.isNaN(start)) throw new SynapsorError('INVALID_TIMESTAMP', 'timestamp is not ISO 8601');
  return new Date(start + parseDuration(duration)).toISOString();
}
