import { sql, type Kysely, type RawBuilder } from 'kysely';
import { canonicalJson, isSqlIdentifier, SynapsorError } from '@synapsor/core';
import type { NormalizedValue } from '@synapsor/core';
import { DEFAULTS } from './options.js';

export type Dialect = 'postgres' | 'mysql';

/** From the kysely adapter; an unknown dialect is refused rather than guessed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function detectDialect(database: Kysely<any>, explicit?: Dialect): Dialect {
  if (explicit) return explicit;
  const name = database.getExecutor().adapter.constructor.name;
  if (/postgres/i.test(name)) return 'postgres';
  if (/mysql/i.test(name)) return 'mysql';
  throw new SynapsorError('HANDLER_DIALECT_UNSUPPORTED', 'Only PostgreSQL and MySQL kysely dialects are supported');
}

export function receiptTableRef(table?: { schema?: string; table: string }): RawBuilder<unknown> {
  const name = table?.table ?? DEFAULTS.receiptTable;
  const parts = table?.schema ? [table.schema, name] : [name];
  if (!parts.every(isSqlIdentifier)) throw new SynapsorError('UNSAFE_IDENTIFIER', 'receipt table name is not a safe identifier');
  return sql.id(...parts);
}

/** Version values as text so timestamps keep their microseconds (a JS Date would drop them). */
export function asText(dialect: Dialect, column: string): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`CAST(${sql.ref(column)} AS text)` : sql`CAST(${sql.ref(column)} AS CHAR)`;
}

const PG_TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:\+00(?::00)?)?$/;

/** Text → normalised form: `YYYY-MM-DD HH:MM:SS[.f]+00` becomes `YYYY-MM-DDTHH:MM:SS[.f]Z`. */
export function normaliseText(text: string, hadZone: boolean): string {
  const match = PG_TIMESTAMP_TEXT.exec(text);
  if (!match) return text;
  return `${match[1]}T${match[2]}${hadZone ? 'Z' : ''}`;
}

/**
 * Best-effort value normalisation for the weak row-hash guard (read-and-proposal.md table):
 * `textValue` is the column's text form, used for timestamps so precision survives.
 */
export function normaliseValue(value: unknown, textValue: string | null): NormalizedValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return textValue === null ? value.toISOString() : normaliseText(textValue, /[+-]\d{2}(:\d{2})?$/.test(textValue));
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'object') return canonicalJson(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value as NormalizedValue;
}
