export type Flavor = 'mariadb' | 'mysql';

export function detectFlavor(rows: unknown): Flavor {
  const version = Array.isArray(rows) ? (rows[0] as { version?: unknown } | undefined)?.version : undefined;
  return typeof version === 'string' && /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

/**
 * The statement timeout as a session assignment: MariaDB `max_statement_time` is in seconds
 * (fractions allowed) and covers every statement; MySQL `max_execution_time` is in ms and only
 * covers SELECT. `ms` is a validated integer, so inlining it is safe (SET takes no placeholders
 * in the text protocol).
 */
export function timeoutAssignment(flavor: Flavor, ms: number): string {
  const value = Math.max(1, Math.trunc(ms));
  return flavor === 'mariadb' ? `SESSION max_statement_time = ${value / 1000}` : `SESSION max_execution_time = ${value}`;
}

/**
 * Run once per physical connection. Readers are read-only for the whole session, so every
 * statement on a reader connection is refused if it would change data. Writers get bounded
 * lock waits so a blocked UPDATE surfaces as 1205 (and is retried) instead of hanging.
 */
export function sessionSetupSql(flavor: Flavor, role: 'reader' | 'writer', timeoutMs: number): string[] {
  const statements = [`SET SESSION time_zone = '+00:00', ${timeoutAssignment(flavor, timeoutMs)}`];
  if (role === 'reader') statements.push('SET SESSION TRANSACTION READ ONLY');
  else statements.push(`SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.ceil(timeoutMs / 1000))}`);
  return statements;
}
