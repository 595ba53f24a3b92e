import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Name of the server-side prepared statement for a read text. The text is fully schema-qualified
 * and quoted, so equal text means an equal statement: hashing it gives a stable, safe identifier
 * (35 chars < NAMEDATALEN) that never differs between two texts pg would consider distinct
 * (pg refuses one name reused for another text).
 */
export function statementName(sql: string): string {
  return `synapsor_r_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
}

/**
 * SQLSTATEs meaning the session's prepared statement, or pg's idea of it, no longer matches the
 * server, so a retry without it can succeed:
 * - `0A000` "cached plan must not change result type" (a column type changed; PostgreSQL keeps
 *   failing that statement on that session until it is deallocated),
 * - `26000` statement missing (`DEALLOCATE ALL` / `DISCARD ALL` by a pooler or a function),
 * - `42P05` statement already exists (a pooler handed us a server session that has it).
 */
const STALE_STATES = new Set(['0A000', '26000', '42P05']);

export function isStalePreparedStatement(error: unknown): boolean {
  return error instanceof pg.DatabaseError && STALE_STATES.has(error.code ?? '');
}
