import { sql, type RawBuilder } from 'kysely';
import { RECEIPTS_TABLE_NAME, assertGrantSqlIdentifiers, assertSqlIdentifier, writerGrantTargets, type GrantSqlOptions } from '@synapsor/core';
import { builder } from './sql.js';

export type PostgresGrantsOptions = GrantSqlOptions;

const render = (statement: RawBuilder<unknown>): string => `${statement.compile(builder).sql};`;
const columnList = (columns: string[]) => sql.join([...new Set(columns)].map((column) => sql.ref(column)));
const unique = (values: string[]): string[] => [...new Set(values)];

/**
 * Least-privilege GRANTs (cli.md `writeback grants`) from a grant plan: reader SELECT on the
 * read columns; writer column SELECT on key/tenant/version/hash columns, column UPDATE on
 * allowed + bump columns, and SELECT/INSERT/UPDATE on the receipts table. Column UPDATE also
 * covers `SELECT … FOR UPDATE`. Text only; nothing is executed.
 */
export function postgresGrantsSql(options: PostgresGrantsOptions): string {
  if (options.readerRole !== undefined) assertSqlIdentifier(options.readerRole, 'reader role');
  assertSqlIdentifier(options.writerRole, 'writer role');
  assertGrantSqlIdentifiers(options);
  const lines: string[] = [];
  const usage = (role: string, schema: string) => render(sql`GRANT USAGE ON SCHEMA ${sql.id(schema)} TO ${sql.id(role)}`);
  const select = (columns: string[], schema: string, table: string, role: string) =>
    render(sql`GRANT SELECT (${columnList(columns)}) ON ${sql.id(schema, table)} TO ${sql.id(role)}`);

  if (options.readerRole !== undefined) {
    const reader = options.readerRole;
    const targets = options.targets.filter((target) => target.reader_select_columns.length > 0);
    lines.push('-- reader: SELECT on the reviewed read columns only');
    for (const schema of unique(targets.map((target) => target.schema))) lines.push(usage(reader, schema));
    for (const target of targets) lines.push(select(target.reader_select_columns, target.schema, target.table, reader));
  }

  const writer = options.writerRole;
  const targets = writerGrantTargets(options.targets);
  if (targets.length === 0) {
    lines.push('-- writer: no sql_update proposal targets; nothing to grant');
    return `${lines.join('\n')}\n`;
  }
  const schemas = unique(targets.map((target) => target.schema));
  lines.push('-- writer: guard columns readable, allowed and bump columns updatable, receipts table');
  for (const schema of schemas) lines.push(usage(writer, schema));
  for (const target of targets) {
    if (target.writer_select_columns.length > 0) lines.push(select(target.writer_select_columns, target.schema, target.table, writer));
    lines.push(render(sql`GRANT UPDATE (${columnList(target.writer_update_columns)}) ON ${sql.id(target.schema, target.table)} TO ${sql.id(writer)}`));
  }
  const { receiptsSchema } = options;
  if (receiptsSchema !== undefined && !schemas.includes(receiptsSchema)) lines.push(usage(writer, receiptsSchema));
  const receipts = receiptsSchema === undefined ? sql.id(RECEIPTS_TABLE_NAME) : sql.id(receiptsSchema, RECEIPTS_TABLE_NAME);
  lines.push(render(sql`GRANT SELECT, INSERT, UPDATE ON ${receipts} TO ${sql.id(writer)}`));
  return `${lines.join('\n')}\n`;
}
