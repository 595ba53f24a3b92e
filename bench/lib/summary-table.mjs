// The closing table of a bench run: every headline figure that ran, beside its floor and target.

const pad = (text, width) => String(text).padEnd(width);

/** Rows of `{value, unit, floor, target, load_average}` headline entries found in `summary`. */
export function headlineRows(summary) {
  return Object.entries(summary)
    .filter(([, entry]) => entry !== null && typeof entry === 'object' && 'value' in entry && 'unit' in entry)
    .map(([key, entry]) => ({
      figure: key,
      value: `${entry.value} ${entry.unit}`,
      floor: entry.floor === null || entry.floor === undefined ? '—' : String(entry.floor),
      target: entry.target ?? '—',
      load: (entry.load_average ?? []).slice(0, 1).join(''),
    }));
}

/** A fixed-width text table (empty string when no headline ran). */
export function summaryTable(summary) {
  const rows = headlineRows(summary);
  if (rows.length === 0) return '';
  const header = { figure: 'figure', value: 'value', floor: 'floor', target: 'target', load: 'load 1m' };
  const columns = Object.keys(header);
  const widths = Object.fromEntries(columns.map((column) => [column, Math.max(...[header, ...rows].map((row) => String(row[column]).length)) + 2]));
  const line = (row) => columns.map((column) => pad(row[column], widths[column])).join('').trimEnd();
  return `\nsummary\n  ${line(header)}\n${rows.map((row) => `  ${line(row)}`).join('\n')}\n`;
}
