/** Small guards over parsed JSON (no prototype tricks: plain objects only). */
export type JsonMap = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property lookup; never resolves inherited members such as `constructor`. */
export function own(map: unknown, key: string): unknown {
  return isPlainObject(map) && Object.hasOwn(map, key) ? map[key] : undefined;
}

export function hasOwnKey(map: unknown, key: string): boolean {
  return isPlainObject(map) && Object.hasOwn(map, key);
}

/** Nesting depth of a JSON value (iterative so hostile input cannot overflow the stack). */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
