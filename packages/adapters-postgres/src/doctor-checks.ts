import type { Check } from '@synapsor/core';
import { SynapsorError } from '@synapsor/core';
import { noteDriverError, safeCategory } from './errors.js';
import type { DebugLogger } from './logger.js';

export const pass = (id: string, message: string): Check => ({ id, status: 'pass', message, fix: null });
export const warn = (id: string, message: string, fix: string): Check => ({ id, status: 'warn', message, fix });
export const fail = (id: string, message: string, fix: string | null): Check => ({ id, status: 'fail', message, fix });
export const skip = (id: string, message: string): Check => ({ id, status: 'skip', message, fix: null });

const FIXES: Record<string, string> = {
  'authentication failed': 'check the credentials in the configured URL env var',
  'permission denied': 'grant the privileges printed by `synapsor-runner writeback grants`',
  timeout: 'check the database load and statement_timeout_ms',
  'connection failed': 'check that the database is reachable from this host and the URL env var is correct',
  'configured object not found': 'check schema, table and column names in the config against `synapsor-runner inspect`',
  'database error': 'run with SYNAPSOR_LOG_LEVEL=debug for the (redacted) driver message',
};

/** A failed check from any error: safe category text only, never driver text or values. */
export function failFromError(logger: DebugLogger, id: string, what: string, error: unknown): Check {
  if (error instanceof SynapsorError) return fail(id, `${what}: ${error.message}`, null);
  const category = safeCategory(noteDriverError(logger, `doctor ${id}`, error));
  return fail(id, `${what}: ${category}`, FIXES[category] ?? null);
}
