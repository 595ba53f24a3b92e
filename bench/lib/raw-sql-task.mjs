// The late-fee task as a model would do it through a generic raw-SQL MCP surface: discover the
// table, read its columns, fetch the invoice, write the waiver. Results are the real answers of
// the scratch schema (rendered as such servers usually do: JSON rows, "UPDATE 1"); the UPDATE is
// not executed — only its request and reply text are counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.mjs';

export const RAW_SQL_TOOLS = JSON.parse(readFileSync(join(BENCH_DIR, 'fixtures/raw-sql-mcp-tools.json'), 'utf8')).tools;

/** [{request, response}] text pairs of the four calls, as JSON the model reads and writes. */
export async function rawSqlTranscript(pool, schema, invoiceId) {
  const tables = await pool.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
  const columns = await pool.query(
    `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = $1 AND table_name = 'invoices' ORDER BY ordinal_position`,
    [schema],
  );
  const row = await pool.query(`SELECT * FROM "${schema}"."invoices" WHERE id = $1`, [invoiceId]);
  const select = `SELECT * FROM invoices WHERE id = '${invoiceId}'`;
  const update = `UPDATE invoices SET late_fee_cents = 0, waiver_reason = 'Customer asked for a waiver', updated_at = now() WHERE id = '${invoiceId}'`;
  const call = (name, args, result) => ({
    request: JSON.stringify({ name, arguments: args }),
    response: JSON.stringify({ content: [{ type: 'text', text: JSON.stringify(result) }] }),
  });
  return [
    call('list_tables', {}, tables.rows.map((entry) => entry.table_name)),
    call('describe_table', { table: 'invoices' }, columns.rows),
    call('query', { sql: select }, row.rows),
    call('execute_sql', { sql: update }, { command: 'UPDATE', rowCount: 1 }),
  ];
}
