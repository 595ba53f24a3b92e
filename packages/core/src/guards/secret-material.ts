import { SynapsorError } from '../errors/index.js';

/** ledger.md "Secret-material rejection": key names that mark a credential. */
export const SECRET_KEY_PATTERN =
  /(^|[_-])(password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|cookie|credential|connection[_-]?string|database[_-]?url|read[_-]?url|write[_-]?url)($|[_-])/i;

/** String contents that are credentials whatever key holds them. */
export const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /postgres:\/\//i,
  /postgresql:\/\//i,
  /mysql:\/\//i,
  /mariadb:\/\//i,
  /bearer \S{8,}/i,
  /syn_wbr_[a-z0-9]+/i,
  /-----BEGIN [^-]*PRIVATE KEY-----/i,
  /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\./i,
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

/** The value patterns as one alternation (all case-insensitive): one regex pass per string. */
const ANY_SECRET_VALUE = new RegExp(SECRET_VALUE_PATTERNS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

export function isSecretString(value: string): boolean {
  return ANY_SECRET_VALUE.test(value);
}

/** What redaction writes in place of secret material. */
export const SECRET_MASK = '[REDACTED]';

/**
 * The value patterns widened to the whole whitespace-free token around a match (a URL with
 * its credentials, not just its scheme) and made global, so masking keeps the rest of a text.
 */
const SECRET_TOKEN_PATTERNS: readonly RegExp[] = SECRET_VALUE_PATTERNS.map((pattern) => new RegExp(`\\S*(?:${pattern.source})\\S*`, 'gi'));

/**
 * Masks every token the ledger would reject (`isSecretString`), keeping the rest of the text.
 * Should a match survive token masking, the whole text is replaced: the result never holds
 * secret material by the ledger's own rule.
 */
export function maskSecretText(text: string): string {
  let out = text;
  for (const pattern of SECRET_TOKEN_PATTERNS) out = out.replace(pattern, SECRET_MASK);
  return isSecretString(out) ? SECRET_MASK : out;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** A node still to visit; its path is only spelled out for a hit (every read scans its records). */
interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string | number | null;
}

function pathOf(visit: Visit, rootName: string): string {
  const keys: Array<string | number> = [];
  for (let at: Visit | null = visit; at !== null && at.key !== null; at = at.parent) keys.push(at.key);
  let path = rootName;
  for (let index = keys.length - 1; index >= 0; index -= 1) path = childPath(path, keys[index]!);
  return path;
}

/**
 * First JSON path holding secret material (by key name or string content), or `null`.
 * Iterative so a deeply nested payload cannot overflow the stack. Within an object, key names
 * are checked before any value, and values are visited in order.
 */
export function findSecretMaterial(value: unknown, rootName = '$'): { path: string } | null {
  const stack: Visit[] = [{ value, parent: null, key: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      if (isSecretString(current)) return { path: pathOf(visit, rootName) };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) stack.push({ value: current[index], parent: visit, key: index });
      continue;
    }
    const keys = Object.keys(current);
    for (const key of keys) {
      if (isSecretKey(key)) return { path: pathOf({ value: null, parent: visit, key }, rootName) };
    }
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index]!;
      const child = (current as Record<string, unknown>)[key];
      // Only strings and containers can hold secret material.
      if (child !== null && (typeof child === 'string' || typeof child === 'object')) stack.push({ value: child, parent: visit, key });
    }
  }
  return null;
}

/** Throws `SECRET_MATERIAL_REJECTED` naming the JSON path — never the value. */
export function assertNoSecretMaterial(value: unknown, rootName = '$'): void {
  const found = findSecretMaterial(value, rootName);
  if (found) {
    throw new SynapsorError(
      'SECRET_MATERIAL_REJECTED',
      `Refused to store secret material at ${found.path}`,
      { path: found.path },
    );
  }
}
