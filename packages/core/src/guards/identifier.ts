import { SynapsorError } from '../errors/index.js';

/**
 * SQL identifier rule (config.md): ASCII letter or `_` first, then ASCII letters, digits, `_`;
 * at most 63 chars (the PostgreSQL limit). The length bound lives in the pattern so the
 * generated JSON Schema carries it too. No `u` flag and explicit ASCII classes: look-alike
 * letters (e.g. Cyrillic 'а') never match.
 */
export const SQL_IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function isSqlIdentifier(value: unknown): value is string {
  return typeof value === 'string' && SQL_IDENTIFIER_PATTERN.test(value);
}

/**
 * Throws `UNSAFE_IDENTIFIER` unless `value` is a safe SQL identifier. `what` names the role of
 * the identifier (e.g. "column"); the offending value is never echoed.
 */
export function assertSqlIdentifier(value: unknown, what: string): asserts value is string {
  if (!isSqlIdentifier(value)) {
    throw new SynapsorError('UNSAFE_IDENTIFIER', `${what} is not a safe SQL identifier`);
  }
}
