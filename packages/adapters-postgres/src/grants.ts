import { sql, type RawBuilder } from 'kysely';
import { RECEIPTS_TABLE_NAME, assertSqlIdentifier } from '@synapsor/core';
import { builder } from './sql.js';

export interface PostgresGrantTarget {
  schema: string;
  table: string;
  /** Reader: the read columns. Writer: key, tenant, version and hash columns. */
  selectColumns: string[];
  /** Writer only: allowed patch columns plus the bumped version column. */
  updateColumns: string[];
}

export interface PostgresGrantsOptions {
  readerRole?: string;
  writerRole: string;
  receiptsSchema?: string;
  targets: PostgresGrantTarget[];
}

const render = (statement: RawBuilder<unknown>): string => `${statement.compile(builder).sql};`;
const columnList = (columns: string[]) => sql.join([...new Set(columns)].map((column) => sql.ref(column)));

function checkIdentifiers(options: PostgresGrantsOptions): void {
  if (options.readerRole !== undefined) assertSqlIdentifier(options.readerRole, 'reader role');
  assertSqlIdentifier(options.writerRole, 'writer role');
  if (options.receiptsSchema !== undefined) assertSqlIdentifier(options.receiptsSchema, 'receipts schema');
  for (const target of options.targets) {
    assertSqlIdentifier(target.schema, 'schema');
    assertSqlIdentifier(target.table, 'table');
    for (const column of [...target.selectColumns, ...target.updateColumns]) assertSqlIdentifier(column, 'column');
  }
}

/**
 * Least-privilege GRANTs (cli.md `writeback grants`): reader SELECT on the read columns; writer
 * column SELECT on key/tenant/version/hash columns, column UPDATE on allowed + bump columns, and
 * SELECT/INSERT/UPDATE on the receipts table. Column UPDATE also covers `SELECT … FOR UPDATE`.
 */
export function postgresGrantsSql(options: PostgresGrantsOptions): string {
  checkIdentifiers(options);
  const lines: string[] = [];
  const schemas = [...new Set(options.targets.map((target) => target.schema))];
  const usage = (role: string, schema: string) => render(sql`GRANT USAGE ON SCHEMA ${sql.id(schema)} TO ${sql.id(role)}`);
  if (options.readerRole !== undefined) {
    const reader = options.readerRole;
    lines.push('-- reader: SELECT on the reviewed read columns only');
    for (const schema of schemas) lines.push(usage(reader, schema));
    for (const target of options.targets) {
      lines.push(render(sql`GRANT SELECT (${columnList(target.selectColumns)}) ON ${sql.id(target.schema, target.table)} TO ${sql.id(reader)}`));
    }
  }
  const writer = options.writerRole;
  lines.push('-- writer: guard columns readable, allowed and bump columns updatable, receipts table');
  for (const schema of schemas) lines.push(usage(writer, schema));
  for (const target of options.targets) {
    const table = sql.id(target.schema, target.table);
    if (target.selectColumns.length > 0) lines.push(render(sql`GRANT SELECT (${columnList(target.selectColumns)}) ON ${table} TO ${sql.id(writer)}`));
    if (target.updateColumns.length > 0) lines.push(render(sql`GRANT UPDATE (${columnList(target.updateColumns)}) ON ${table} TO ${sql.id(writer)}`));
  }
  const receipts = options.receiptsSchema === undefined ? sql.id(RECEIPTS_TABLE_NAME) : sql.id(options.receiptsSchema, RECEIPTS_TABLE_NAME);
  if (options.receiptsSchema !== undefined && !schemas.includes(options.receiptsSchema)) lines.push(usage(writer, options.receiptsSchema));
  lines.push(render(sql`GRANT SELECT, INSERT, UPDATE ON ${receipts} TO ${sql.id(writer)}`));
  return `${lines.join('\n')}\n`;
}
