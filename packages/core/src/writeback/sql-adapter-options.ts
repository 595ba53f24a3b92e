import { SynapsorError } from '../errors/index.js';
import { isSqlIdentifier } from '../guards/identifier.js';

/**
 * What each SQL source adapter (PostgreSQL, MySQL/MariaDB) is created with. The shape is shared;
 * the bounds on `statementTimeoutMs` and `poolMax` are each engine's own and checked there.
 */
export interface SqlAdapterOptions<Logger> {
  sourceId: string;
  /** Name of the env var holding the reader URL (never the URL itself). */
  readUrlEnv: string;
  /** Name of the env var holding the writer URL; needed only for `applyGuardedUpdate` and writer probes. */
  writeUrlEnv?: string;
  statementTimeoutMs: number;
  poolMax: number;
  /** Schema (MySQL: database) holding `synapsor_writeback_receipts`; unset = the writer's default. */
  receiptsSchema?: string;
  ssl?: { rejectUnauthorized?: boolean; ca?: string };
  env: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
}

/** `receiptsSchema` is spliced into the receipts DDL and DML, so it must be a plain identifier. */
export function checkReceiptsSchema(receiptsSchema: string | undefined): void {
  if (receiptsSchema !== undefined && !isSqlIdentifier(receiptsSchema)) {
    throw new SynapsorError('INVALID_RECEIPTS_SCHEMA', 'receiptsSchema is not a safe SQL identifier');
  }
}
