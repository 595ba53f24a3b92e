import { SynapsorError } from '../errors/index.js';
import type { LedgerFilter } from '../ports/ledger-store.js';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 200;

/** Default 20, at most 200; anything else is refused with `FILTER_LIMIT_INVALID`. */
export function listLimit(filter: Pick<LedgerFilter, 'limit'> | undefined): number {
  const limit = filter?.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SynapsorError('FILTER_LIMIT_INVALID', `limit must be an integer 1..${MAX_LIST_LIMIT}`);
  }
  return Math.min(limit, MAX_LIST_LIMIT);
}

function bare(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

/**
 * Object type filter: the table name, singular or plural, with or without `schema.`.
 * Returns the bare names a stored `object_type` may equal.
 */
export function objectTypeCandidates(input: string): string[] {
  const name = bare(input.trim());
  const out = new Set([name, `${name}s`, `${name}es`]);
  if (name.endsWith('ies')) out.add(`${name.slice(0, -3)}y`);
  if (name.endsWith('y')) out.add(`${name.slice(0, -1)}ies`);
  if (name.endsWith('es')) out.add(name.slice(0, -2));
  if (name.endsWith('s')) out.add(name.slice(0, -1));
  out.delete('');
  return [...out];
}

export function matchesObjectType(stored: string, filter: string): boolean {
  return objectTypeCandidates(filter).includes(bare(stored));
}

/** `--table`: a bare name matches any schema; `schema.table` must match exactly. */
export function tableFilter(input: string): { bare: string; qualified: string | null } {
  const value = input.trim();
  return value.includes('.') ? { bare: bare(value), qualified: value } : { bare: value, qualified: null };
}

export function matchesTable(storedQualified: string, filter: string): boolean {
  const wanted = tableFilter(filter);
  return wanted.qualified ? storedQualified === wanted.qualified : bare(storedQualified) === wanted.bare;
}

/** `--object type:id` → `{object_type, object_id}`; `FILTER_OBJECT_INVALID` without a colon. */
export function parseObjectFilter(value: string): { object_type: string; object_id: string } {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) {
    throw new SynapsorError('FILTER_OBJECT_INVALID', 'Use --object <type>:<id>');
  }
  return { object_type: value.slice(0, colon), object_id: value.slice(colon + 1) };
}

/** A `--from` / `--to` value as a canonical ISO instant; `FILTER_TIME_INVALID` otherwise. */
export function normalizeInstant(value: string): string {
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new SynapsorError('FILTER_TIME_INVALID', 'from/to must be ISO 8601 timestamps');
  return new Date(at).toISOString();
}

/** `created_at` within `from` / `to` (inclusive), comparing instants. */
export function inTimeRange(createdAt: string, filter: Pick<LedgerFilter, 'from' | 'to'>): boolean {
  const at = Date.parse(createdAt);
  if (filter.from !== undefined && at < Date.parse(normalizeInstant(filter.from))) return false;
  if (filter.to !== undefined && at > Date.parse(normalizeInstant(filter.to))) return false;
  return true;
}

/**
 * Newest first; equal timestamps keep the later-written record first (what an index on
 * `(created_at, rowid)` gives a SQL store). `items` must be in write order.
 */
export function newestFirst<T>(items: T[], at: (item: T) => string): T[] {
  return [...items].reverse().sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)));
}

/** Checks a filter's limit and time bounds up front, so an empty ledger refuses them too. */
export function validateFilter(filter: LedgerFilter): number {
  if (filter.from !== undefined) normalizeInstant(filter.from);
  if (filter.to !== undefined) normalizeInstant(filter.to);
  return listLimit(filter);
}
