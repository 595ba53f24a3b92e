import type pg from 'pg';
import { sql } from 'kysely';
import { RECEIPTS_TABLE_NAME, assertSqlIdentifier, writebackResultHash } from '@synapsor/core';
import { builder, inSchema, run } from './sql.js';

/**
 * `CREATE TABLE IF NOT EXISTS` for the receipts table (writeback.md), one statement ending in
 * `;`. kysely quotes the schema, but the text is run by a DBA, so only plain identifiers pass.
 */
export function postgresReceiptsDdl(options: { schema?: string } = {}): string {
  if (options.schema !== undefined) assertSqlIdentifier(options.schema, 'receipts schema');
  const table = inSchema(options.schema)
    .schema.createTable(RECEIPTS_TABLE_NAME)
    .ifNotExists()
    .addColumn('idempotency_key', 'text', (column) => column.primaryKey())
    .addColumn('job_id', 'text', (column) => column.notNull().unique())
    .addColumn('proposal_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('result_hash', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .compile().sql;
  return `${table};\n`;
}

/** Receipt-row statements for one job, all bound; `schema` unset = the writer's search_path. */
export class ReceiptStatements {
  constructor(private readonly schema: string | undefined) {}

  private get db(): typeof builder {
    return inSchema(this.schema);
  }

  /** The name `to_regclass` resolves exactly like the unqualified/qualified statements do. */
  regclassName(): string {
    return this.schema === undefined ? RECEIPTS_TABLE_NAME : `"${this.schema}".${RECEIPTS_TABLE_NAME}`;
  }

  claim(client: pg.ClientBase, key: string, jobId: string, proposalId: string) {
    const query = this.db
      .insertInto(RECEIPTS_TABLE_NAME)
      .values({ idempotency_key: key, job_id: jobId, proposal_id: proposalId, status: 'in_progress' })
      // No conflict target on purpose: with `(idempotency_key)` only, a racing claim of the same
      // job can hit the `job_id` unique index first and raise 23505 instead of waiting (seen in
      // the 50-round race test). A job_id reused under another key then finds no receipt → fail closed.
      .onConflict((conflict) => conflict.doNothing())
      .returning('idempotency_key');
    return run(client, query.compile());
  }

  async lockStatus(client: pg.ClientBase, key: string): Promise<string | null> {
    const query = this.db.selectFrom(RECEIPTS_TABLE_NAME).select('status').where('idempotency_key', '=', key).forUpdate();
    const result = await run(client, query.compile());
    const status = result.rows[0]?.status;
    return typeof status === 'string' ? status : null;
  }

  /** Moves the receipt from `from` to `to`; the caller checks that exactly one row moved. */
  async transition(client: pg.ClientBase, key: string, from: string, to: string, jobId: string, newVersion: string | null): Promise<number> {
    const finished = to !== 'in_progress';
    const query = this.db
      .updateTable(RECEIPTS_TABLE_NAME)
      .set({
        status: to,
        result_hash: finished ? writebackResultHash(jobId, to, newVersion) : null,
        completed_at: finished ? sql`now()` : null,
      })
      .where('idempotency_key', '=', key)
      .where('status', '=', from);
    const result = await run(client, query.compile());
    return result.rowCount ?? 0;
  }
}

/**
 * Checked once per adapter (one adapter per source per process); when missing, exactly one
 * `CREATE TABLE IF NOT EXISTS` attempt in its own transaction. Only success is remembered, so
 * a later `writeback migration` takes effect without a restart.
 */
export class ReceiptsTableCheck {
  private ready: Promise<boolean> | null = null;

  constructor(private readonly statements: ReceiptStatements, private readonly schema: string | undefined) {}

  /** `create: false` (dry runs) only looks: a dry run must not even create the receipts table. */
  ensure(client: pg.ClientBase, create = true): Promise<boolean> {
    const attempt = this.ready ?? this.check(client, create);
    this.ready = attempt;
    attempt.then(
      (ok) => {
        if (!ok && this.ready === attempt) this.ready = null;
      },
      () => {
        if (this.ready === attempt) this.ready = null;
      },
    );
    return attempt;
  }

  private async check(client: pg.ClientBase, create: boolean): Promise<boolean> {
    // Our pools return raw text for every type, so compare the regclass text, not a boolean.
    const found = await client.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [this.statements.regclassName()]);
    if (typeof found.rows[0]?.name === 'string') return true;
    if (!create) return false;
    try {
      await client.query('BEGIN');
      await client.query(postgresReceiptsDdl(this.schema === undefined ? {} : { schema: this.schema }));
      await client.query('COMMIT');
      return true;
    } catch {
      await client.query('ROLLBACK').catch(() => undefined);
      return false;
    }
  }
}
