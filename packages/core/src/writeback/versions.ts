import type { NormalizedValue } from '../records/index.js';

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DECIMAL = /^[+-]?(\d+)(?:\.(\d+))?$/;

/** Microseconds since the epoch (UTC), truncated; a value without offset is UTC. */
export function timestampMicros(value: string): bigint | null {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(millis)) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const micros = BigInt((fraction + '000000').slice(0, 6));
  return (BigInt(millis) - BigInt(offsetMinutes) * 60_000n) * 1000n + micros;
}

function canonicalDecimal(value: string): string | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const negative = value.trim().startsWith('-');
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

function asDecimal(value: NormalizedValue): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? canonicalDecimal(String(value)) : null;
  if (typeof value === 'string') return canonicalDecimal(value);
  return null;
}

/**
 * Version equality for conflict guards (writeback.md `versionsMatch`): timestamps as UTC
 * instants at microsecond precision, numbers by decimal value, else trimmed strings.
 */
export function versionsMatch(expected: NormalizedValue, current: NormalizedValue): boolean {
  if (expected === null || current === null) return expected === current;
  if (typeof expected === 'string' && typeof current === 'string') {
    const a = timestampMicros(expected);
    const b = timestampMicros(current);
    if (a !== null && b !== null) return a === b;
  }
  const decimalA = asDecimal(expected);
  const decimalB = asDecimal(current);
  if (decimalA !== null && decimalB !== null) return decimalA === decimalB;
  return String(expected).trim() === String(current).trim();
}
