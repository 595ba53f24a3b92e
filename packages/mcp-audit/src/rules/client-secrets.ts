import { childPath } from '../json-path.js';
import type { ClientEntry } from '../loaders/client-config.js';
import type { Evidence } from '../types.js';

const DATABASE_URL =
  /\b(?:postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|mongodb(?:\+srv)?|rediss?|cockroachdb)(?:\+[a-z0-9]+)?:\/\/[^\s:@/]*:([^@\s/]+)@/i;
const BEARER = /\bbearer\s+(\S+)/i;
const SK_KEY = /(?:^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/;
const SECRET_KEY = /token|secret|password|passwd|api[_-]?key/i;
const PLACEHOLDERS = [/^\$\{[^}]*\}$/, /^\$[A-Za-z_][A-Za-z0-9_]*$/, /^<[^>]*>$/];

const isPlaceholder = (value: string): boolean => PLACEHOLDERS.some((pattern) => pattern.test(value.trim()));

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What kind of inline secret a literal is, or undefined. Never returns any part of the value. */
export function secretKind(value: string, key?: string): string | undefined {
  const db = DATABASE_URL.exec(value);
  if (db !== null && !isPlaceholder(decoded(db[1]!))) return 'database URL with an inline password';
  const bearer = BEARER.exec(value);
  if (bearer !== null && !isPlaceholder(bearer[1]!)) return 'Bearer token literal';
  if (SK_KEY.test(value)) return 'sk- API key literal';
  if (key !== undefined && SECRET_KEY.test(key) && value.length > 8 && !isPlaceholder(value)) {
    return `literal value under "${key}"`;
  }
  return undefined;
}

function fromArgs(entry: ClientEntry): Evidence[] {
  const argsPath = childPath(entry.path, 'args');
  return entry.args.flatMap((arg, index) => {
    const eq = arg.startsWith('-') ? arg.indexOf('=') : -1;
    const previous = entry.args[index - 1];
    // `--token=VALUE` and `--token VALUE` both put VALUE under the key `--token`.
    const key = eq > 0 ? arg.slice(0, eq) : previous?.startsWith('-') ? previous : undefined;
    const value = eq > 0 ? arg.slice(eq + 1) : arg;
    const kind = secretKind(value, key);
    return kind === undefined ? [] : [{ path: childPath(argsPath, index), detail: kind }];
  });
}

function fromMap(entry: ClientEntry, field: 'env' | 'headers'): Evidence[] {
  const base = childPath(entry.path, field);
  return Object.entries(entry[field]).flatMap(([key, value]) => {
    const kind = secretKind(value, key);
    return kind === undefined ? [] : [{ path: childPath(base, key), detail: kind }];
  });
}

function fromUrl(entry: ClientEntry): Evidence[] {
  if (entry.url === undefined) return [];
  const path = childPath(entry.path, entry.urlKey);
  const direct = secretKind(entry.url);
  if (direct !== undefined) return [{ path, detail: direct }];
  if (!URL.canParse(entry.url)) return [];
  const url = new URL(entry.url);
  if (url.password !== '' && !isPlaceholder(decoded(url.password))) {
    return [{ path, detail: 'URL with an inline password' }];
  }
  for (const [key, value] of url.searchParams) {
    const kind = secretKind(value, key);
    if (kind !== undefined) return [{ path, detail: `query parameter ${kind}` }];
  }
  return [];
}

/** CLIENT_INLINE_SECRET evidence: paths and kinds only, never the value. */
export function inlineSecretEvidence(entry: ClientEntry): Evidence[] {
  return [...fromArgs(entry), ...fromMap(entry, 'env'), ...fromMap(entry, 'headers'), ...fromUrl(entry)];
}
