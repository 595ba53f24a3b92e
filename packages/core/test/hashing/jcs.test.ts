import { describe, expect, it } from 'vitest';
import { canonicalJson, hashCanonical } from '../../src/hashing/index.js';

/**
 * Independent reference: JSON.stringify over a deep copy whose object keys are inserted sorted.
 * (Valid only without integer-like keys, which JS objects enumerate first; those are pinned by
 * the hand-written vectors below.)
 */
function reference(value: unknown): string {
  const sortDeep = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortDeep);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) out[key] = sortDeep((v as Record<string, unknown>)[key]);
    return out;
  };
  return JSON.stringify(sortDeep(value));
}

/** Deterministic pseudo-random JSON values (mulberry32), so a failure is reproducible. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const strings = ['', 'a', 'é', '\u20ac', '\ud83d\ude00', 'line\nbreak', 'quote"', '\u0000ctl', 'B', 'aa', '_x', '10', '2'];
  const keys = strings.filter((s) => !/^\d+$/.test(s));
  const value = (depth: number): unknown => {
    const pick = Math.floor(next() * (depth > 3 ? 5 : 8));
    if (pick === 0) return null;
    if (pick === 1) return next() < 0.5;
    if (pick === 2) return [0, -0, 1, -1.5, 1e21, 1e-7, 123456789.125, Number.MAX_SAFE_INTEGER][Math.floor(next() * 8)];
    if (pick === 3 || pick === 4) return strings[Math.floor(next() * strings.length)];
    if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const record: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i -= 1) record[keys[Math.floor(next() * keys.length)]!] = value(depth + 1);
    return record;
  };
  return () => value(0);
}

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    // RFC 8785 §3.2.3: "\u20ac" (U+20AC) sorts before "\ud83d\ude00" surrogates, after "\r".
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, ö: 5 })).toBe('{"\\r":2,"1":4,"ö":5,"€":1,"😀":3}');
  });

  it('formats numbers the ECMAScript way, -0 as 0', () => {
    expect(canonicalJson([-0, 1e21, 1e-7, 0.1, 333333333.3333333, 4.5])).toBe('[0,1e+21,1e-7,0.1,333333333.3333333,4.5]');
  });

  it('omits undefined object values, writes undefined array items as null, honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: new Date(0) })).toBe('{"b":[null,1],"c":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/unsupported type function/);
  });

  it('matches an independent sorted-JSON.stringify reference on 2,000 generated values', () => {
    const next = generator(20261124);
    for (let i = 0; i < 2000; i += 1) {
      const value = next();
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('hashes the UTF-8 bytes of the canonical form', () => {
    // sha256 of the 7 bytes {"a":1} — computed independently with `printf '{"a":1}' | sha256sum`.
    expect(hashCanonical({ a: 1 })).toBe('sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});
