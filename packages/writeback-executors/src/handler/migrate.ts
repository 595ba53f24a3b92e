import { sql, type Kysely } from 'kysely';
import { detectDialect, receiptTableRef, type Dialect } from './dialect.js';

/** Creates the helper's receipt table (`synapsor_handler_receipts` by default) if missing. */
export async function migrateHandlerReceipts(
  database: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  options: { receiptTable?: { schema?: string; table: string }; dialect?: Dialect } = {},
): Promise<void> {
  const table = receiptTableRef(options.receiptTable);
  if (detectDialect(database, options.dialect) === 'postgres') {
    await sql`CREATE TABLE IF NOT EXISTS ${table} (
      idempotency_key text PRIMARY KEY,
      proposal_id text NOT NULL,
      writeback_job_id text NOT NULL,
      action text NOT NULL,
      status text NOT NULL,
      receipt_json jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    )`.execute(database);
    return;
  }
  await sql`CREATE TABLE IF NOT EXISTS ${table} (
    idempotency_key varchar(255) NOT NULL PRIMARY KEY,
    proposal_id varchar(512) NOT NULL,
    writeback_job_id varchar(512) NOT NULL,
    action varchar(255) NOT NULL,
    status varchar(64) NOT NULL,
    receipt_json json NOT NULL,
    created_at timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    completed_at timestamp(6) NULL
  ) ENGINE=InnoDB`.execute(database);
}
