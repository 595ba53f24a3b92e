import pg from 'pg';
import { SynapsorError } from '@synapsor/core';
import type { DebugLogger } from './logger.js';

/** What a driver error means for us; callers pick the code for `other` (read vs write). */
export type DriverErrorKind = 'unavailable' | 'timeout' | 'pool_timeout' | 'missing_object' | 'permission' | 'auth' | 'other';

// pg-pool's own text when no client frees up within connectionTimeoutMillis.
const POOL_WAIT_TEXT = 'timeout exceeded when trying to connect';
const CONNECTION_TEXT = /connection terminated|not queryable|connection (?:error|timeout)|econn|socket|ssl|tls|certificate/i;

function sqlState(error: unknown): string | null {
  return error instanceof pg.DatabaseError && typeof error.code === 'string' ? error.code : null;
}

export function classifyDriverError(error: unknown): DriverErrorKind {
  const state = sqlState(error);
  if (state !== null) {
    if (state === '57014' || state === '55P03') return 'timeout';
    if (state.startsWith('28')) return 'auth';
    if (state.startsWith('08') || state === '3D000' || state === '53300' || state.startsWith('57P')) return 'unavailable';
    if (state === '42501') return 'permission';
    if (state === '42P01' || state === '42703' || state === '3F000' || state === '42883') return 'missing_object';
    return 'other';
  }
  if (!(error instanceof Error)) return 'other';
  if (error.message === POOL_WAIT_TEXT) return 'pool_timeout';
  // Node system / TLS errors carry a `code` (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, …).
  if (typeof (error as { code?: unknown }).code === 'string') return 'unavailable';
  return CONNECTION_TEXT.test(error.message) ? 'unavailable' : 'other';
}

/** Internal safe code for a driver error; `otherCode` for anything not connection/timeout. */
export function driverErrorCode(kind: DriverErrorKind, otherCode: string): string {
  switch (kind) {
    case 'unavailable':
    case 'auth':
      return 'DATABASE_UNAVAILABLE';
    case 'timeout':
      return 'STATEMENT_TIMEOUT';
    case 'pool_timeout':
      return 'POOL_TIMEOUT';
    default:
      return otherCode;
  }
}

/** cli.md safe categories for doctor and CLI output. */
export function safeCategory(kind: DriverErrorKind): string {
  switch (kind) {
    case 'auth':
      return 'authentication failed';
    case 'permission':
      return 'permission denied';
    case 'timeout':
    case 'pool_timeout':
      return 'timeout';
    case 'missing_object':
      return 'configured object not found';
    case 'unavailable':
      return 'connection failed';
    default:
      return 'database error';
  }
}

/** Driver text minus URLs, hosts and ports — still only ever written to the debug log. */
export function redactDriverText(text: string): string {
  return text
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\[[0-9a-f:.]+\](?::\d+)?/gi, '<host>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<host>')
    .replace(/(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi, '<host>');
}

/** Logs the raw (redacted) driver error at debug level and returns its kind. */
export function noteDriverError(logger: DebugLogger, operation: string, error: unknown): DriverErrorKind {
  const kind = classifyDriverError(error);
  const message = error instanceof Error ? redactDriverText(error.message) : 'non-error thrown';
  const code = (error as { code?: unknown } | null)?.code;
  logger.debug({ operation, kind, code: typeof code === 'string' ? code : null, detail: message }, 'postgres driver error');
  return kind;
}

/** A thrown, model-safe error for a driver failure (reads, inspect). Never wraps driver text. */
export function toSafeError(logger: DebugLogger, operation: string, error: unknown, otherCode = 'INTERNAL'): SynapsorError {
  if (error instanceof SynapsorError) return error;
  const code = driverErrorCode(noteDriverError(logger, operation, error), otherCode);
  return new SynapsorError(code, `${operation} failed (${code})`);
}
