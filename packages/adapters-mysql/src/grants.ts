import { SynapsorError, assertSqlIdentifier } from '@synapsor/core';
import { RECEIPTS_TABLE } from './receipts.js';

export interface MysqlGrantTarget {
  schema: string;
  table: string;
  /** Columns the reader reads, and the writer's key/tenant/version/hash columns. */
  selectColumns: string[];
  /** Allowed patch columns plus the bump column. */
  updateColumns: string[];
}

export interface MysqlGrantsOptions {
  readerRole: string;
  writerRole: string;
  receiptsSchema?: string;
  targets: MysqlGrantTarget[];
}

/** `name` or `name@host` (host may hold `%`, `.`, `-`, `:`); quoted as `'name'@'host'`. */
const ACCOUNT = /^([A-Za-z_][A-Za-z0-9_.-]{0,79})(?:@([A-Za-z0-9_.%:-]{1,255}))?$/;

function account(role: string, what: string): string {
  const match = ACCOUNT.exec(role);
  if (!match) throw new SynapsorError('INVALID_GRANT_ROLE', `${what} is not a safe account or role name`);
  return match[2] === undefined ? `'${match[1]}'` : `'${match[1]}'@'${match[2]}'`;
}

const q = (identifier: string): string => `\`${identifier}\``;
const list = (columns: string[]): string => [...new Set(columns)].map(q).join(', ');

/**
 * Least-privilege GRANT statements (cli.md `writeback grants`): reader SELECT on the read
 * columns; writer SELECT on its guard columns, column-level UPDATE on allowed + bump columns,
 * and SELECT/INSERT/UPDATE on the receipts table. Text only; nothing is executed.
 */
export function mysqlGrantsSql(options: MysqlGrantsOptions): string {
  const reader = account(options.readerRole, 'reader role');
  const writer = account(options.writerRole, 'writer role');
  if (options.receiptsSchema !== undefined) assertSqlIdentifier(options.receiptsSchema, 'receipts schema');
  const lines: string[] = [];
  for (const target of options.targets) {
    assertSqlIdentifier(target.schema, 'schema');
    assertSqlIdentifier(target.table, 'table');
    for (const column of [...target.selectColumns, ...target.updateColumns]) assertSqlIdentifier(column, 'column');
    const object = `${q(target.schema)}.${q(target.table)}`;
    if (target.selectColumns.length > 0) {
      lines.push(`GRANT SELECT (${list(target.selectColumns)}) ON ${object} TO ${reader};`);
      lines.push(`GRANT SELECT (${list([...target.selectColumns, ...target.updateColumns])}) ON ${object} TO ${writer};`);
    }
    if (target.updateColumns.length > 0) lines.push(`GRANT UPDATE (${list(target.updateColumns)}) ON ${object} TO ${writer};`);
  }
  const receipts = options.receiptsSchema === undefined ? q(RECEIPTS_TABLE) : `${q(options.receiptsSchema)}.${q(RECEIPTS_TABLE)}`;
  lines.push(`GRANT SELECT, INSERT, UPDATE ON ${receipts} TO ${writer};`);
  return `${lines.join('\n')}\n`;
}
