import * as v from 'valibot';
import { AuditUsageError } from '../errors.js';
import { childPath } from '../json-path.js';

const describeType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * valibot parse whose error names the JSON path and the received *type* only: the received
 * value itself may be a secret (an env value in a client config), so it is never echoed.
 */
export function parseAt<const S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  basePath: string,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  let path = basePath;
  for (const item of issue.path ?? []) {
    if (typeof item.key === 'string' || typeof item.key === 'number') path = childPath(path, item.key);
  }
  const expected = issue.expected ?? 'a valid value';
  throw new AuditUsageError(`malformed ${what} at ${path}: expected ${expected}, got ${describeType(issue.input)}`);
}
