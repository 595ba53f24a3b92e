/**
 * Generic rendering of JSON records for humans (no ledger knowledge): aligned columns for
 * lists, `key: value` lines for one record, and a markdown document for `export`.
 */

const scalar = (value: unknown): string =>
  value === null || value === undefined ? '-' : typeof value === 'string' ? value : JSON.stringify(value);

/** Columns padded to the widest cell; the last column is never padded. */
export function textTable(headers: string[], rows: unknown[][]): string[] {
  const cells = [headers, ...rows.map((row) => row.map(scalar))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd(),
  );
}

/** Top-level scalars as `key: value`; nested objects and arrays as indented JSON. */
export function recordLines(record: object): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === 'object') {
      lines.push(`${key}:`);
      for (const line of JSON.stringify(value, null, 2).split('\n')) lines.push(`  ${line}`);
    } else {
      lines.push(`${key}: ${scalar(value)}`);
    }
  }
  return lines;
}

const mdCell = (value: unknown): string => scalar(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** `# title`, a field table of the scalars, then one JSON block per nested field. */
export function recordMarkdown(title: string, record: object, note?: string): string {
  const entries = Object.entries(record);
  const scalars = entries.filter(([, value]) => value === null || typeof value !== 'object');
  const nested = entries.filter(([, value]) => value !== null && typeof value === 'object');
  const lines = [`# ${title}`, '', '| field | value |', '| --- | --- |'];
  for (const [key, value] of scalars) lines.push(`| ${mdCell(key)} | ${mdCell(value)} |`);
  for (const [key, value] of nested) lines.push('', `## ${key}`, '', '```json', JSON.stringify(value, null, 2), '```');
  if (note) lines.push('', `> ${note}`);
  return `${lines.join('\n')}\n`;
}
