import { SynapsorError, checkReceiptsSchema, type SqlAdapterOptions } from '@synapsor/core';
import type { DebugLogger } from './logger.js';

export interface PostgresAdapterOptions extends SqlAdapterOptions<DebugLogger> {
  /**
   * Run reads as named prepared statements, parsed once per pooled connection (default `true`).
   * Set `false` behind a transaction pooler that does not track protocol-level prepared
   * statements (PgBouncer transaction/statement mode before 1.21, or `max_prepared_statements = 0`).
   */
  prepareStatements?: boolean;
}

function fail(code: string, message: string): never {
  throw new SynapsorError(code, message);
}

/** Same bounds as config.md `sources.*`; the adapter refuses values config validation would. */
export function checkOptions(options: PostgresAdapterOptions): void {
  if (typeof options.sourceId !== 'string' || options.sourceId.length === 0) fail('INVALID_SOURCE', 'sourceId is required');
  if (typeof options.readUrlEnv !== 'string' || options.readUrlEnv.length === 0) fail('INVALID_SOURCE', 'readUrlEnv is required');
  const timeout = options.statementTimeoutMs;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600_000) fail('INVALID_TIMEOUT', 'statementTimeoutMs must be an integer 1..600000');
  const poolMax = options.poolMax;
  if (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 100) fail('INVALID_POOL_MAX', 'poolMax must be an integer 1..100');
  if (options.prepareStatements !== undefined && typeof options.prepareStatements !== 'boolean') {
    fail('INVALID_SOURCE', 'prepareStatements must be a boolean');
  }
  checkReceiptsSchema(options.receiptsSchema);
}
