import { RECEIPTS_TABLE_NAME, SynapsorError, assertGrantSqlIdentifiers, writerGrantTargets, type GrantSqlOptions } from '@synapsor/core';

export type MysqlGrantsOptions = GrantSqlOptions;

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
 * Least-privilege GRANT statements (cli.md `writeback grants`) from a grant plan: reader
 * SELECT on the read columns; writer SELECT on its guard columns, column-level UPDATE on
 * allowed + bump columns, and SELECT/INSERT/UPDATE on the receipts table. MySQL needs no
 * SELECT on a column that is only assigned (`SET c = ?`), so the writer cannot read the
 * allowed columns. Text only; nothing is executed.
 */
export function mysqlGrantsSql(options: MysqlGrantsOptions): string {
  const reader = options.readerRole === undefined ? undefined : account(options.readerRole, 'reader role');
  const writer = account(options.writerRole, 'writer role');
  assertGrantSqlIdentifiers(options);
  const object = (target: { schema: string; table: string }) => `${q(target.schema)}.${q(target.table)}`;
  const lines: string[] = [];

  if (reader !== undefined) {
    lines.push('-- reader: SELECT on the reviewed read columns only');
    for (const target of options.targets) {
      if (target.reader_select_columns.length > 0) lines.push(`GRANT SELECT (${list(target.reader_select_columns)}) ON ${object(target)} TO ${reader};`);
    }
  }

  const targets = writerGrantTargets(options.targets);
  if (targets.length === 0) {
    lines.push('-- writer: no sql_update proposal targets; nothing to grant');
    return `${lines.join('\n')}\n`;
  }
  lines.push('-- writer: guard columns readable, allowed and bump columns updatable, receipts table');
  for (const target of targets) {
    if (target.writer_select_columns.length > 0) lines.push(`GRANT SELECT (${list(target.writer_select_columns)}) ON ${object(target)} TO ${writer};`);
    lines.push(`GRANT UPDATE (${list(target.writer_update_columns)}) ON ${object(target)} TO ${writer};`);
  }
  const receipts = options.receiptsSchema === undefined ? q(RECEIPTS_TABLE_NAME) : `${q(options.receiptsSchema)}.${q(RECEIPTS_TABLE_NAME)}`;
  lines.push(`GRANT SELECT, INSERT, UPDATE ON ${receipts} TO ${writer};`);
  return `${lines.join('\n')}\n`;
}
