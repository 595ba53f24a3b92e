import { SynapsorError, canonicalJson, type NormalizedValue, type Row } from '@synapsor/core';
import { parsePgArray, type PgArray } from './pg-array.js';

/**
 * Value normalisation (read-and-proposal.md) from PostgreSQL's text format. Every pool we own
 * returns raw text for every type (see `rawTextTypes`), so this table is the single place that
 * decides how a database value becomes JSON — no global pg type parsers are touched.
 */
export const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  jsonb: 3802,
} as const;

type Scalar = (text: string) => NormalizedValue;

const asNumber: Scalar = (text) => Number(text);

function asInt8(text: string): NormalizedValue {
  const value = BigInt(text);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : text;
}

function asFloat(text: string): NormalizedValue {
  const value = Number(text);
  // NaN and ±Infinity are not JSON numbers: keep the database's spelling.
  return Number.isFinite(value) ? value : text;
}

const TIMESTAMPTZ_UTC = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)\+00$/;
const TIMESTAMP = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)$/;

/** Sessions run with TimeZone=UTC and DateStyle=ISO, so the offset is always `+00`. */
function asTimestamptz(text: string): NormalizedValue {
  const match = TIMESTAMPTZ_UTC.exec(text);
  return match ? `${match[1]}T${match[2]}Z` : text; // `infinity`, BC dates: as the database said
}

function asTimestamp(text: string): NormalizedValue {
  const match = TIMESTAMP.exec(text);
  return match ? `${match[1]}T${match[2]}` : text;
}

const asJson: Scalar = (text) => canonicalJson(JSON.parse(text));

const SCALARS: ReadonlyMap<number, Scalar> = new Map<number, Scalar>([
  [OID.bool, (text) => text === 't'],
  [OID.int2, asNumber],
  [OID.int4, asNumber],
  [OID.oid, asNumber],
  [OID.int8, asInt8],
  [OID.float4, asFloat],
  [OID.float8, asFloat],
  [OID.timestamp, asTimestamp],
  [OID.timestamptz, asTimestamptz],
  [OID.json, asJson],
  [OID.jsonb, asJson],
]);

/** Array type OID → element type OID for the built-in array types we parse. */
const ARRAY_ELEMENTS: ReadonlyMap<number, number> = new Map([
  [1000, OID.bool], [1001, OID.bytea], [1005, OID.int2], [1007, OID.int4], [1016, OID.int8], [1028, OID.oid],
  [1021, OID.float4], [1022, OID.float8], [1231, OID.numeric], [1115, OID.timestamp], [1185, OID.timestamptz],
  [199, OID.json], [3807, OID.jsonb],
  // Element types that stay text: text, varchar, bpchar, name, uuid, date, time, timetz, interval.
  [1009, 25], [1015, 1043], [1014, 1042], [1003, 19], [2951, 2950], [1182, 1082], [1183, 1083], [1270, 1266], [1187, 1186],
]);

/** Strips pg's `\x` prefix: bytea is hex text thanks to `bytea_output=hex`. */
function byteaHex(text: string): string {
  return text.startsWith('\\x') ? text.slice(2) : text;
}

function isBinaryType(oid: number): boolean {
  return oid === OID.bytea || ARRAY_ELEMENTS.get(oid) === OID.bytea;
}

function normaliseArrayItems(items: PgArray, element: Scalar): unknown[] {
  return items.map((item) => (item === null ? null : Array.isArray(item) ? normaliseArrayItems(item, element) : element(item)));
}

/**
 * One column value. `visible` values of a binary type are refused (`UNSUPPORTED_COLUMN_TYPE`);
 * guard-only binary values become lowercase hex, used for hashing only.
 */
export function normaliseValue(oid: number, text: string | null, visible: boolean): NormalizedValue {
  if (text === null) return null;
  if (isBinaryType(oid) && visible) {
    throw new SynapsorError('UNSUPPORTED_COLUMN_TYPE', 'a visible column has a binary type');
  }
  if (oid === OID.bytea) return byteaHex(text);
  const scalar = SCALARS.get(oid);
  if (scalar !== undefined) return scalar(text);
  const element = ARRAY_ELEMENTS.get(oid);
  if (element !== undefined) {
    const convert: Scalar = element === OID.bytea ? byteaHex : (SCALARS.get(element) ?? ((item) => item));
    return canonicalJson(normaliseArrayItems(parsePgArray(text), convert));
  }
  // numeric (exact decimal string), text family, uuid, enums, date/time, interval, …
  return text;
}

export interface FieldInfo {
  name: string;
  dataTypeID: number;
}

export function normaliseRow(fields: readonly FieldInfo[], raw: Record<string, unknown>, visible: ReadonlySet<string>): Row {
  const row: Row = {};
  for (const field of fields) {
    const value = raw[field.name];
    row[field.name] = normaliseValue(field.dataTypeID, typeof value === 'string' ? value : null, visible.has(field.name));
  }
  return row;
}

const identity = (value: string): string => value;

/** pg `types` override for our pools only: every value arrives as its text form. */
export const rawTextTypes = { getTypeParser: (): ((value: string) => string) => identity };
