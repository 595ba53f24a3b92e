/**
 * Version bump by conflict-column type (cli.md init: timestamp → `now`, integer → `increment`).
 * Without an inspected type the column name decides; anything else gets no bump.
 */
const TIME_TYPE = /timestamp|datetime|^date|^time/i;
const INTEGER_TYPE = /int|serial|^numeric|^decimal|^number/i;

export function inferBump(column: string, type: string | null): 'now' | 'increment' | null {
  if (type !== null) {
    if (TIME_TYPE.test(type)) return 'now';
    if (INTEGER_TYPE.test(type)) return 'increment';
    return null;
  }
  if (/_at$|_time$|timestamp/i.test(column)) return 'now';
  if (/(^|_)(row_|lock_)?version$/i.test(column)) return 'increment';
  return null;
}
