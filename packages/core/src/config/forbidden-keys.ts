import { isPlainObject } from './json.js';
import type { PathSegment } from './path.js';
import type { Report } from './issues.js';

/** Keys that would put a connection string inline instead of an env var name. */
export const FORBIDDEN_URL_KEYS: ReadonlySet<string> = new Set([
  'url', 'database_url', 'databaseUrl', 'read_url', 'readUrl', 'write_url', 'writeUrl',
  'connection_string', 'connectionString',
]);

/** Keys that would let a config carry raw SQL. */
export const FORBIDDEN_SQL_KEYS: ReadonlySet<string> = new Set([
  'sql', 'raw_sql', 'rawSql', 'statement', 'query_sql', 'querySql',
]);

/** Keys that collide with Object.prototype members; a map key like this could never resolve safely. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Leading whitespace is tolerated so " postgres://…" cannot slip through.
const DATABASE_URL_VALUE = /^\s*(?:postgres|postgresql|mysql|mariadb):\/\//i;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_URL_KEYS.has(key) || FORBIDDEN_SQL_KEYS.has(key) || PROTOTYPE_KEYS.has(key);
}

/**
 * Walks every key and string value at any depth (map keys included: config.md says "any
 * depth", and failing closed beats guessing which maps are safe). Always errors, whatever
 * `strict` says. The forbidden key's value is not inspected further: one issue per key.
 */
export function reportForbidden(value: unknown, path: PathSegment[], report: Report): void {
  if (typeof value === 'string') {
    if (DATABASE_URL_VALUE.test(value)) report(path, 'INLINE_DATABASE_URL_FORBIDDEN');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => reportForbidden(item, [...path, index], report));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (FORBIDDEN_URL_KEYS.has(key)) report(childPath, 'INLINE_DATABASE_URL_FORBIDDEN');
    else if (FORBIDDEN_SQL_KEYS.has(key)) report(childPath, 'ARBITRARY_SQL_FORBIDDEN');
    else if (PROTOTYPE_KEYS.has(key)) report(childPath, 'RESERVED_KEY_NAME');
    else reportForbidden(child, childPath, report);
  }
}
