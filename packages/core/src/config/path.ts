/** A step into a JSON document: object key or array index. */
export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `['sources', 'my-db']` → `$.sources["my-db"]`; identifier-like keys use dot notation. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Path segments of a valibot issue (record keys and values both carry `key`). */
export function segmentsOf(path: ReadonlyArray<{ key: unknown }> | undefined): PathSegment[] {
  return (path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
}
