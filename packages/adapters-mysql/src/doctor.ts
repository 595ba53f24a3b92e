import { sql, type Kysely } from 'kysely';
import { type Check, type DoctorProbe, assertSqlIdentifier, isSynapsorError } from '@synapsor/core';
import { type DebugLogger, errnoOf, isConnectionError, logDriverError } from './errors.js';
import { receiptsProbe } from './receipts.js';

/** Pools the doctor may use; each getter throws `*_CREDENTIAL_MISSING` when its env is unset. */
export interface DoctorPools {
  reader(): Kysely<any>;
  writer(): Kysely<any>;
  receiptsSchema: string | undefined;
  logger: DebugLogger | undefined;
}

const AUTH = new Set([1045, 1698]);
const DENIED = new Set([1044, 1142, 1143, 1227, 1370, 1792]);
const MISSING = new Set([1049, 1054, 1146]);
const TIMEOUT = new Set([1205, 1907, 1969, 3024]);

/** cli.md's safe categories; never driver text, hosts or URLs. */
export function problemCategory(error: unknown): string {
  if (isSynapsorError(error)) return error.message;
  const errno = errnoOf(error);
  if (errno !== null && AUTH.has(errno)) return 'authentication failed';
  if (errno !== null && DENIED.has(errno)) return 'permission denied';
  if (errno !== null && MISSING.has(errno)) return 'configured object not found';
  if (errno !== null && TIMEOUT.has(errno)) return 'timeout';
  if (isConnectionError(error)) return 'connection failed';
  return 'the database refused the statement';
}

const check = (id: string, status: Check['status'], message: string, fix: string | null = null): Check => ({ id, status, message, fix });

async function guarded(id: string, pools: DoctorPools, run: () => Promise<Check[]>, fix: string): Promise<Check[]> {
  try {
    return await run();
  } catch (error) {
    logDriverError(pools.logger, error, `doctor_${id}`);
    return [check(id, 'fail', problemCategory(error), fix)];
  }
}

/** Write-capable grants on a reader are a warning: reads must not be able to change data. */
export function readerPrivilegeFindings(grants: string[]): string[] {
  const text = grants.map((g) => g.replace(/IDENTIFIED BY .*$/i, '')).join('\n').toUpperCase();
  const findings: string[] = [];
  if (/\bALL PRIVILEGES\b|\bSUPER\b/.test(text)) findings.push('is a superuser (ALL PRIVILEGES or SUPER)');
  if (/\bFILE\b/.test(text)) findings.push('holds FILE');
  if (/\b(INSERT|UPDATE|DELETE|DROP|ALTER|CREATE)\b/.test(text)) findings.push('can write or change objects');
  return findings;
}

async function readerChecks(pools: DoctorPools): Promise<Check[]> {
  const db = pools.reader();
  await sql`SELECT 1 AS ok`.execute(db);
  const grants = (await sql<Record<string, string>>`SHOW GRANTS`.execute(db)).rows.map((row) => String(Object.values(row)[0] ?? ''));
  const findings = readerPrivilegeFindings(grants);
  return [
    check('reader_connection', 'pass', 'reader connects in a read-only session'),
    findings.length === 0
      ? check('reader_privileges', 'pass', 'reader holds no write, FILE or SUPER privileges')
      : check('reader_privileges', 'warn', `the reader ${findings.join(', ')}`, 'grant the reader only SELECT on the configured targets (`writeback grants`)'),
  ];
}

/** Rollback-only: the statements match no row and the transaction is always rolled back. */
async function writableColumn(pools: DoctorPools, probe: Extract<DoctorProbe, { kind: 'writable_column' }>): Promise<Check[]> {
  assertSqlIdentifier(probe.schema, 'schema');
  assertSqlIdentifier(probe.table, 'table');
  assertSqlIdentifier(probe.column, 'column');
  const target = sql.id(probe.schema, probe.table);
  const column = sql.id(probe.column);
  await pools.writer().connection().execute(async (conn) => {
    await sql`START TRANSACTION`.execute(conn);
    try {
      // Neither statement reads the column: like the real guarded UPDATE, the probe needs only
      // UPDATE(c), which is all `writeback grants` gives the writer on an allowed column.
      await sql`SELECT 1 FROM ${target} WHERE false FOR UPDATE`.execute(conn);
      await sql`UPDATE ${target} SET ${column} = NULL WHERE false`.execute(conn);
    } finally {
      await sql`ROLLBACK`.execute(conn);
    }
  });
  return [check('writeback_probe', 'pass', `writer may update ${probe.schema}.${probe.table}.${probe.column}`)];
}

async function targetObject(pools: DoctorPools, probe: Extract<DoctorProbe, { kind: 'target_object' }>): Promise<Check[]> {
  assertSqlIdentifier(probe.schema, 'schema');
  assertSqlIdentifier(probe.table, 'table');
  for (const column of probe.columns) assertSqlIdentifier(column, 'column');
  const db = pools.reader();
  const name = `${probe.schema}.${probe.table}`;
  const found = (await sql<{ type: string }>`SELECT TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${probe.schema} AND TABLE_NAME = ${probe.table}`.execute(db)).rows[0];
  if (!found) return [check('target_objects', 'fail', `${name} not found (configured object not found)`, 'check schema and table in the config')];
  if (probe.must_be_table && String(found.type) === 'VIEW') {
    return [check('target_objects', 'fail', `${name} is a view; proposal targets must be tables`, 'point the proposal capability at a base table')];
  }
  const present = new Set(
    (await sql<{ name: string }>`SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${probe.schema} AND TABLE_NAME = ${probe.table}`.execute(db)).rows.map((r) => String(r.name)),
  );
  const missing = probe.columns.filter((c) => !present.has(c));
  return [
    check('target_objects', 'pass', `${name} exists`),
    missing.length === 0
      ? check('columns', 'pass', `every referenced column of ${name} exists`)
      : check('columns', 'fail', `${name} lacks column(s): ${missing.join(', ')}`, 'fix the column names in the config'),
  ];
}

/** Doctor probes (cli.md doctor). None changes a row; the writer probes only run rolled-back statements that match nothing. */
export async function runDoctor(pools: DoctorPools, probes: DoctorProbe[]): Promise<Check[]> {
  const checks: Check[] = [];
  for (const probe of probes) {
    switch (probe.kind) {
      case 'reader':
        checks.push(...(await guarded('reader_connection', pools, () => readerChecks(pools), 'check the read URL env var and that the server is reachable')));
        break;
      case 'writer':
        checks.push(...(await guarded('writer_connection', pools, async () => {
          await sql`SELECT 1 AS ok`.execute(pools.writer());
          return [check('writer_connection', 'pass', 'writer connects')];
        }, 'check the write URL env var and that the server is reachable')));
        break;
      case 'receipts_table':
        checks.push(...(await guarded('receipts_table', pools, async () => {
          await receiptsProbe(pools.receiptsSchema).execute(pools.writer());
          return [check('receipts_table', 'pass', 'receipts table exists with the expected columns')];
        }, 'create it with `synapsor-runner writeback migration --engine mysql`')));
        break;
      case 'writable_column':
        checks.push(...(await guarded('writeback_probe', pools, () => writableColumn(pools, probe), 'grant the writer UPDATE on this column (`writeback grants`)')));
        break;
      case 'target_object':
        checks.push(...(await guarded('target_objects', pools, () => targetObject(pools, probe), 'check schema, table and reader SELECT grants')));
        break;
    }
  }
  return checks;
}
