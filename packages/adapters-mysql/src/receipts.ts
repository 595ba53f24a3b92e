import { sql, type Kysely, type RawBuilder } from 'kysely';
import { RECEIPTS_TABLE_NAME, SynapsorError, assertSqlIdentifier } from '@synapsor/core';
import { type DebugLogger, NO_SUCH_TABLE_ERRNO, errnoOf, logDriverError, mapDriverError } from './errors.js';

/** `<schema>.synapsor_writeback_receipts`, or unqualified (the writer's default database). */
export function receiptsTableRef(schema: string | undefined): RawBuilder<unknown> {
  return schema === undefined ? sql.id(RECEIPTS_TABLE_NAME) : sql.id(schema, RECEIPTS_TABLE_NAME);
}

function quoted(schema: string | undefined): string {
  return schema === undefined ? `\`${RECEIPTS_TABLE_NAME}\`` : `\`${schema}\`.\`${RECEIPTS_TABLE_NAME}\``;
}

/** The receipts table DDL (writeback.md, MySQL / MariaDB column): one statement ending in `;`. */
export function mysqlReceiptsDdl(options: { schema?: string } = {}): string {
  if (options.schema !== undefined) assertSqlIdentifier(options.schema, 'receipts schema');
  return [
    `CREATE TABLE IF NOT EXISTS ${quoted(options.schema)} (`,
    '  `idempotency_key` varchar(255) NOT NULL PRIMARY KEY,',
    '  `job_id` varchar(255) NOT NULL UNIQUE,',
    '  `proposal_id` varchar(512) NOT NULL,',
    '  `status` varchar(64) NOT NULL,',
    '  `result_hash` varchar(128) NULL,',
    '  `created_at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),',
    '  `completed_at` timestamp(6) NULL',
    ') ENGINE=InnoDB;',
    '',
  ].join('\n');
}

/** Selects every expected column without reading a row: proves the table and its shape. */
export function receiptsProbe(schema: string | undefined): RawBuilder<unknown> {
  return sql`SELECT idempotency_key, job_id, proposal_id, status, result_hash, created_at, completed_at FROM ${receiptsTableRef(schema)} WHERE 1 = 0`;
}

/**
 * Checked once per adapter (one per source per process). Missing → exactly one
 * `CREATE TABLE IF NOT EXISTS` (DDL commits implicitly, so it runs on its own, outside the
 * business transaction); failing that → `RECEIPTS_TABLE_MISSING`.
 */
export class ReceiptsTableCheck {
  #ready = false;
  constructor(
    private readonly schema: string | undefined,
    private readonly logger: DebugLogger | undefined,
  ) {}

  async ensure(db: Kysely<any>): Promise<void> {
    if (this.#ready) return;
    try {
      await receiptsProbe(this.schema).execute(db);
    } catch (error) {
      if (errnoOf(error) !== NO_SUCH_TABLE_ERRNO) throw mapDriverError(error, 'receipts_check', this.logger, 'RECEIPTS_TABLE_MISSING');
      try {
        await sql.raw(mysqlReceiptsDdl(this.schema === undefined ? {} : { schema: this.schema })).execute(db);
      } catch (createError) {
        logDriverError(this.logger, createError, 'receipts_create');
        throw new SynapsorError('RECEIPTS_TABLE_MISSING', 'the receipts table is missing and could not be created (see `writeback migration`)');
      }
    }
    this.#ready = true;
  }
}
