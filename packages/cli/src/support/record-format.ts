/**
 * Generic rendering of JSON records for humans (no ledger knowledge): aligned columns for
 * lists and `key: value` lines for one record. Markdown exports are core's renderers.
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
