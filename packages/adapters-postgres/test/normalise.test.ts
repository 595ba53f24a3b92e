import { describe, expect, it } from 'vitest';
import { OID, normaliseValue, rawTextTypes } from '../src/normalise.js';
import { parsePgArray } from '../src/pg-array.js';

describe('normaliseValue (text format → JSON)', () => {
  it.each([
    [OID.int8, '9007199254740991', 9007199254740991],
    [OID.int8, '-9007199254740991', -9007199254740991],
    [OID.int8, '9007199254740992', '9007199254740992'],
    [OID.int8, '-9223372036854775808', '-9223372036854775808'],
    [OID.float8, '1e+308', 1e308],
    [OID.float4, '-Infinity', '-Infinity'],
    [OID.numeric, '0.10', '0.10'],
    [OID.bool, 't', true],
    [OID.bool, 'f', false],
    [OID.timestamptz, '2026-01-02 03:04:05+00', '2026-01-02T03:04:05Z'],
    [OID.timestamptz, '2026-01-02 03:04:05.000001+00', '2026-01-02T03:04:05.000001Z'],
    [OID.timestamp, '2026-01-02 03:04:05.5', '2026-01-02T03:04:05.5'],
    [OID.timestamptz, '0044-03-15 12:00:00+00 BC', '0044-03-15 12:00:00+00 BC'],
    [OID.jsonb, '{"b": [1, 2.0], "a": "\\u00e9"}', '{"a":"é","b":[1,2]}'],
    [1016, '{1,9007199254740993}', '[1,"9007199254740993"]'],
    [1185, '{"2026-01-02 03:04:05+00",NULL}', '["2026-01-02T03:04:05Z",null]'],
    [1009, '{{a,b},{"c d",NULL}}', '[["a","b"],["c d",null]]'],
    [2950, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
  ])('oid %i %j → %j', (oid, text, expected) => {
    expect(normaliseValue(oid, text, true)).toEqual(expected);
  });

  it('keeps NULL as null for every type', () => {
    expect(normaliseValue(OID.bytea, null, true)).toBeNull();
    expect(normaliseValue(OID.int4, null, true)).toBeNull();
  });

  it('refuses visible binary values (also inside arrays) and hexes guard-only ones', () => {
    expect(() => normaliseValue(OID.bytea, '\\x00ff', true)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_COLUMN_TYPE' }));
    expect(() => normaliseValue(1001, '{"\\\\x00"}', true)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_COLUMN_TYPE' }));
    expect(normaliseValue(OID.bytea, '\\x00ff', false)).toBe('00ff');
    expect(normaliseValue(1001, '{"\\\\x00ff",NULL}', false)).toBe('["00ff",null]');
  });

  it('hands pg raw text for every type, without touching the global parsers', async () => {
    const pg = await import('pg');
    expect(rawTextTypes.getTypeParser()('2026-01-02 03:04:05+00')).toBe('2026-01-02 03:04:05+00');
    expect(typeof pg.default.types.getTypeParser(OID.timestamptz, 'text')('2026-01-02 03:04:05+00')).toBe('object');
  });
});

describe('parsePgArray', () => {
  it('parses quoting, escapes, NULL and nesting', () => {
    expect(parsePgArray('{}')).toEqual([]);
    expect(parsePgArray('{"NULL",NULL," x "}')).toEqual(['NULL', null, ' x ']);
    expect(parsePgArray('{"a\\\\b","c\\"d"}')).toEqual(['a\\b', 'c"d']);
    expect(parsePgArray('[0:1]={1,2}')).toEqual(['1', '2']);
    expect(parsePgArray('{{1,2},{3,4}}')).toEqual([['1', '2'], ['3', '4']]);
  });

  it.each(['', '1,2', '{1,2', '{"a}', '{1}x'])('rejects malformed %j', (text) => {
    expect(() => parsePgArray(text)).toThrow(SyntaxError);
  });
});
