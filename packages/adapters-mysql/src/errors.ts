import { SynapsorError, isSynapsorError } from '@synapsor/core';

export interface DebugLogger {
  debug(obj: object, msg: string): void;
}

/** The fields of a mysql2 error we look at; everything else stays in the driver. */
interface DriverError {
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  message?: unknown;
  fatal?: unknown;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'HANDSHAKE_SSL_ERROR', 'HANDSHAKE_NO_SSL_SUPPORT',
]);
/** Server errnos: auth (1044/1045/1698), too many connections, blocked host, shutdown, killed connection, gone away. */
const UNAVAILABLE_ERRNOS = new Set([1040, 1044, 1045, 1053, 1129, 1130, 1152, 1158, 1159, 1160, 1161, 1698, 1927, 2002, 2003, 2006, 2013]);
/** MariaDB 1969 ER_STATEMENT_TIMEOUT, MySQL 3024 ER_QUERY_TIMEOUT, 1907 query killed by max_statement_time (old MariaDB). */
const TIMEOUT_ERRNOS = new Set([1969, 3024, 1907]);
export const DEADLOCK_ERRNO = 1213;
export const LOCK_WAIT_ERRNO = 1205;
export const DUPLICATE_KEY_ERRNO = 1062;
export const NO_SUCH_TABLE_ERRNO = 1146;

export function errnoOf(error: unknown): number | null {
  const errno = (error as DriverError | null)?.errno;
  return typeof errno === 'number' ? errno : null;
}

export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, fatal } = error as DriverError;
  const errno = errnoOf(error);
  return fatal === true || (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (errno !== null && UNAVAILABLE_ERRNOS.has(errno));
}

/** Driver text without URLs or `'user'@'host'` pairs, for the debug log only. */
export function redactDriverText(text: string): string {
  return text
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/'[^']*'@'[^']*'/g, '<account>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<address>');
}

export function logDriverError(logger: DebugLogger | undefined, error: unknown, context: string): void {
  if (!logger || typeof error !== 'object' || error === null) return;
  const { code, errno, sqlState, message } = error as DriverError;
  logger.debug(
    {
      context,
      code: typeof code === 'string' ? code : null,
      errno: typeof errno === 'number' ? errno : null,
      sql_state: typeof sqlState === 'string' ? sqlState : null,
      driver_message: typeof message === 'string' ? redactDriverText(message) : null,
    },
    'mysql driver error',
  );
}

const MESSAGES: Record<string, string> = {
  DATABASE_UNAVAILABLE: 'the source database is unavailable (connection failed)',
  STATEMENT_TIMEOUT: 'the statement exceeded its timeout',
  POOL_TIMEOUT: 'no database connection became free in time',
  INTERNAL: 'the source database refused the statement (missing object or privilege)',
  TRANSACTION_FAILED: 'the writeback transaction failed and was rolled back',
};

export function safeError(code: keyof typeof MESSAGES | string): SynapsorError {
  return new SynapsorError(code, MESSAGES[code] ?? 'the database operation failed');
}

/**
 * Maps any error to a `SynapsorError` with a safe code (read-and-proposal.md driver error
 * mapping). `fallback` is the code for server errors that are neither connection nor timeout:
 * `INTERNAL` on the read path, `TRANSACTION_FAILED` on the write path. Raw text goes to the
 * debug log only.
 */
export function mapDriverError(error: unknown, context: string, logger: DebugLogger | undefined, fallback = 'INTERNAL'): SynapsorError {
  if (isSynapsorError(error)) return error;
  logDriverError(logger, error, context);
  const errno = errnoOf(error);
  if (errno !== null && TIMEOUT_ERRNOS.has(errno)) return safeError('STATEMENT_TIMEOUT');
  if (errno === LOCK_WAIT_ERRNO) return safeError('STATEMENT_TIMEOUT');
  if (isConnectionError(error)) return safeError('DATABASE_UNAVAILABLE');
  return safeError(fallback);
}
