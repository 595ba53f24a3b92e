import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { sql } from 'kysely';
import { RECEIPTS_TABLE_NAME, isSqlIdentifier, type Check, type DoctorProbe } from '@synapsor/core';
import { fail, failFromError, pass, skip, warn } from './doctor-checks.js';
import type { DebugLogger } from './logger.js';
import { withClient, type PostgresPools } from './pools.js';
import type { ReceiptStatements } from './receipts.js';
import { builder, run } from './sql.js';

type TargetProbe = Extract<DoctorProbe, { kind: 'target_object' }>;

export interface DoctorContext {
  pools: PostgresPools;
  statements: ReceiptStatements;
  logger: DebugLogger;
}

const text = (rows: Array<Record<string, unknown>>, column: string): string | null => {
  const value = rows[0]?.[column];
  return typeof value === 'string' ? value : null;
};

/** Runs `work` inside BEGIN … ROLLBACK: doctor never leaves a change behind. */
async function rolledBack(client: pg.ClientBase, timeoutMs: number, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
    await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

const PRIVILEGES_SQL = `SELECT rolsuper::text AS superuser,
  (pg_has_role(current_user, 'pg_write_server_files', 'MEMBER') OR pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER'))::text AS server_files
FROM pg_roles WHERE rolname = current_user`;
const CAN_WRITE_SQL = `SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL ELSE
  (has_table_privilege(to_regclass($1), 'INSERT, UPDATE, DELETE, TRUNCATE') OR has_any_column_privilege(to_regclass($1), 'INSERT, UPDATE'))
  END::text AS can_write`;

const qualified = (schema: string, table: string) => `"${schema}"."${table}"`;

async function readerChecks(context: DoctorContext, targets: TargetProbe[]): Promise<Check[]> {
  try {
    return await withClient(context.pools.reader(), async (client) => {
      await client.query('SELECT 1');
      const role = (await client.query(PRIVILEGES_SQL)).rows;
      const risks: string[] = [];
      if (text(role, 'superuser') === 'true') risks.push('the reader is a superuser');
      if (text(role, 'server_files') === 'true') risks.push('the reader can write server files or run programs');
      for (const target of targets) {
        if (!isSqlIdentifier(target.schema) || !isSqlIdentifier(target.table)) continue;
        const rows = (await client.query(CAN_WRITE_SQL, [qualified(target.schema, target.table)])).rows;
        if (text(rows, 'can_write') === 'true') risks.push(`the reader can write ${target.schema}.${target.table}`);
      }
      const privileges =
        risks.length === 0
          ? pass('reader_privileges', 'the reader has no write privileges on the targets')
          : warn('reader_privileges', risks.join('; '), 'use a read-only role for the read URL (`synapsor-runner writeback grants`)');
      return [pass('reader_connection', 'reader connected'), privileges];
    });
  } catch (error) {
    return [failFromError(context.logger, 'reader_connection', 'reader', error), skip('reader_privileges', 'reader not reachable')];
  }
}

async function writerCheck(context: DoctorContext): Promise<Check> {
  try {
    await withClient(context.pools.writer(), (client) => client.query('SELECT 1'));
    return pass('writer_connection', 'writer connected');
  } catch (error) {
    return failFromError(context.logger, 'writer_connection', 'writer', error);
  }
}

async function receiptsCheck(context: DoctorContext): Promise<Check> {
  const id = 'receipts_table';
  try {
    return await withClient(context.pools.writer(), async (client) => {
      const found = (await client.query('SELECT to_regclass($1)::text AS name', [context.statements.regclassName()])).rows;
      if (text(found, 'name') === null) {
        return fail(id, `${RECEIPTS_TABLE_NAME} is missing`, 'create it with `synapsor-runner writeback migration --engine postgres`');
      }
      // Exercise the exact claim/finish statements, then roll them back.
      await rolledBack(client, context.pools.statementTimeoutMs, async () => {
        const key = `synapsor-doctor:${randomUUID()}`;
        await context.statements.claim(client, key, key, 'doctor');
        await context.statements.transition(client, key, 'in_progress', 'doctor', key, null);
        await context.statements.lockStatus(client, key);
      });
      return pass(id, `${RECEIPTS_TABLE_NAME} is present and writable (probe rolled back)`);
    });
  } catch (error) {
    return failFromError(context.logger, id, RECEIPTS_TABLE_NAME, error);
  }
}

async function writableColumnCheck(context: DoctorContext, probe: Extract<DoctorProbe, { kind: 'writable_column' }>): Promise<Check> {
  const id = 'writeback_probe';
  if (![probe.schema, probe.table, probe.column].every(isSqlIdentifier)) return fail(id, 'unsafe identifier in a writable column', null);
  const name = `${probe.schema}.${probe.table}.${probe.column}`;
  try {
    await withClient(context.pools.writer(), (client) =>
      rolledBack(client, context.pools.statementTimeoutMs, async () => {
        const never = sql<boolean>`false`;
        const table = builder.withSchema(probe.schema);
        await run(client, table.selectFrom(probe.table).select(sql`1`.as('one')).where(never).forUpdate().compile());
        // `SET c = NULL`, not `c = c`: needs only UPDATE(c), like the real statement (no SELECT on c).
        await run(client, table.updateTable(probe.table).set({ [probe.column]: sql`NULL` }).where(never).compile());
      }),
    );
    return pass(id, `${name} can be locked and updated (probe rolled back)`);
  } catch (error) {
    return failFromError(context.logger, id, name, error);
  }
}

const TARGET_SQL = `SELECT c.oid::text AS oid, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2`;
const TARGET_COLUMNS_SQL = `SELECT attname AS name, has_column_privilege(attrelid, attnum, 'SELECT')::text AS readable
FROM pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped`;

async function targetChecks(context: DoctorContext, probe: TargetProbe): Promise<Check[]> {
  const name = `${probe.schema}.${probe.table}`;
  if (![probe.schema, probe.table, ...probe.columns].every(isSqlIdentifier)) {
    return [fail('target_objects', `unsafe identifier in ${name}`, null), skip('columns', name)];
  }
  try {
    return await withClient(context.pools.reader(), async (client) => {
      const relation = (await client.query(TARGET_SQL, [probe.schema, probe.table])).rows;
      const oid = text(relation, 'oid');
      if (oid === null) return [fail('target_objects', `${name}: configured object not found`, 'check schema and table against `synapsor-runner inspect`'), skip('columns', name)];
      const kind = text(relation, 'kind');
      const isTable = kind === 'r' || kind === 'p' || kind === 'f';
      const objectCheck =
        probe.must_be_table && !isTable
          ? fail('target_objects', `${name} is a view; proposal targets must be tables`, 'point the proposal capability at the base table')
          : pass('target_objects', `${name} exists`);
      const columns = new Map((await client.query(TARGET_COLUMNS_SQL, [oid])).rows.map((row) => [row.name as string, row.readable === 'true']));
      const missing = probe.columns.filter((column) => !columns.has(column));
      const unreadable = probe.columns.filter((column) => columns.get(column) === false);
      const columnCheck =
        missing.length > 0
          ? fail('columns', `${name}: missing columns ${missing.join(', ')}`, 'fix the column names in the config')
          : unreadable.length > 0
            ? fail('columns', `${name}: the reader cannot select ${unreadable.join(', ')}`, 'grant SELECT on these columns to the reader')
            : pass('columns', `${name}: all ${probe.columns.length} columns exist`);
      return [objectCheck, columnCheck];
    });
  } catch (error) {
    return [failFromError(context.logger, 'target_objects', name, error), skip('columns', name)];
  }
}

/** Doctor probes (cli.md): metadata reads and rolled-back statements only; never throws. */
export async function doctor(context: DoctorContext, probes: DoctorProbe[]): Promise<Check[]> {
  const targets = probes.filter((probe): probe is TargetProbe => probe.kind === 'target_object');
  const checks: Check[] = [];
  for (const probe of probes) {
    switch (probe.kind) {
      case 'reader':
        checks.push(...(await readerChecks(context, targets)));
        break;
      case 'writer':
        checks.push(await writerCheck(context));
        break;
      case 'receipts_table':
        checks.push(await receiptsCheck(context));
        break;
      case 'writable_column':
        checks.push(await writableColumnCheck(context, probe));
        break;
      case 'target_object':
        checks.push(...(await targetChecks(context, probe)));
        break;
    }
  }
  return checks;
}
