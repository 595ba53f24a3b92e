import { SynapsorError, canonicalJson, type NormalizedValue, type Row } from '@synapsor/core';
import type { ColumnMeta } from './fields.js';

/** mysql2 column type ids (protocol constants) the normaliser distinguishes. */
const T = {
  DECIMAL: 0, FLOAT: 4, DOUBLE: 5, TIMESTAMP: 7, LONGLONG: 8, DATE: 10, DATETIME: 12, NEWDATE: 14,
  BIT: 16, VECTOR: 242, JSON: 245, NEWDECIMAL: 246, GEOMETRY: 255,
} as const;

function unsupported(column: string): SynapsorError {
  return new SynapsorError('UNSUPPORTED_COLUMN_TYPE', `column ${column} has a type that cannot be returned as JSON`);
}

/**
 * The binary protocol returns FLOAT as the widened double (1.1 → 1.100000023841858). The
 * shortest decimal that rounds to the same float32 is what the server itself prints.
 */
export function float32Shortest(value: number): number {
  if (!Number.isFinite(value)) return value;
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return candidate;
  }
  return value;
}

/** mysql2 hands binary-charset strings (BLOB, VARBINARY, BINARY) and BIT over as Buffers. */
function isBinary(meta: ColumnMeta, value: unknown): boolean {
  return Buffer.isBuffer(value) || meta.columnType === T.BIT;
}

/**
 * One database value → JSON value (read-and-proposal.md "Value normalisation"). `visible`
 * columns reach the model, so binary there is refused; guard-only binary becomes hex.
 */
export function normaliseValue(meta: ColumnMeta, value: unknown, visible: boolean): NormalizedValue {
  if (value === null || value === undefined) return null;
  if (meta.columnType === T.GEOMETRY || meta.columnType === T.VECTOR) throw unsupported(meta.name);
  if (isBinary(meta, value)) {
    if (visible || !Buffer.isBuffer(value)) throw unsupported(meta.name);
    return value.toString('hex');
  }
  if (meta.columnType === T.JSON || meta.extendedFormat === 'json') {
    try {
      return canonicalJson(JSON.parse(String(value)));
    } catch {
      throw unsupported(meta.name);
    }
  }
  switch (meta.columnType) {
    case T.TIMESTAMP:
      return `${String(value).replace(' ', 'T')}Z`;
    case T.DATETIME:
      return String(value).replace(' ', 'T');
    case T.DATE:
    case T.NEWDATE:
    case T.DECIMAL:
    case T.NEWDECIMAL:
      return String(value);
    case T.LONGLONG: {
      const text = String(value);
      const asNumber = Number(text);
      return Number.isSafeInteger(asNumber) ? asNumber : text;
    }
    case T.FLOAT:
      return finiteOrString(float32Shortest(Number(value)));
    case T.DOUBLE:
      return finiteOrString(Number(value));
    default:
      break;
  }
  if (typeof value === 'number') return finiteOrString(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw unsupported(meta.name);
}

function finiteOrString(value: number): NormalizedValue {
  return Number.isFinite(value) ? value : String(value);
}

/** Normalises every selected column of every row; `visible` names the model-facing columns. */
export function normaliseRows(rows: readonly Record<string, unknown>[], metas: readonly ColumnMeta[], visible: ReadonlySet<string>): Row[] {
  return rows.map((raw) => {
    const row: Row = {};
    for (const meta of metas) row[meta.name] = normaliseValue(meta, raw[meta.name], visible.has(meta.name));
    return row;
  });
}
