import type { SourceAdapter } from '@synapsor/core';
import { doctor } from './doctor.js';
import { applyGuardedUpdate } from './guarded-update.js';
import { inspect } from './inspect.js';
import { silentLogger } from './logger.js';
import { checkOptions, type PostgresAdapterOptions } from './options.js';
import { PostgresPools } from './pools.js';
import { readOne, readTemplate } from './read.js';
import { ReceiptStatements, ReceiptsTableCheck } from './receipts.js';

/**
 * `SourceAdapter` for PostgreSQL. Nothing connects until the first call; `close()` ends both
 * pools. Throws `SynapsorError` for invalid options (`INVALID_TIMEOUT`, `INVALID_POOL_MAX`,
 * `INVALID_RECEIPTS_SCHEMA`, `INVALID_SOURCE`).
 */
export function createPostgresAdapter(options: PostgresAdapterOptions): SourceAdapter {
  checkOptions(options);
  const logger = options.logger ?? silentLogger;
  const pools = new PostgresPools(options, logger);
  const statements = new ReceiptStatements(options.receiptsSchema);
  const receiptsTable = new ReceiptsTableCheck(statements, options.receiptsSchema);
  return {
    engine: 'postgres',
    readTemplate,
    readOne: (plan) => readOne(pools, logger, plan),
    applyGuardedUpdate: (job, { dryRun }) => applyGuardedUpdate({ pools, statements, receiptsTable, logger }, job, { dryRun }),
    inspect: (inspectOptions) => inspect(pools, logger, inspectOptions),
    doctor: (probes) => doctor({ pools, statements, logger }, probes),
    close: () => pools.close(),
  };
}
