import type { InspectedColumn } from '../ports/index.js';

export type ColumnSuggestion = InspectedColumn['suggestions'][number];

const TENANT_NAMES = new Set(['tenant_id', 'account_id', 'organization_id', 'org_id', 'workspace_id', 'customer_id']);
const CONFLICT_NAMES = new Set(['updated_at', 'modified_at', 'row_version', 'version', 'lock_version', 'etag']);
const IMMUTABLE_NAMES = new Set(['id', 'uuid', 'created_at', 'created_by']);
/** Matched against the name with `_`/`-` removed, so `api_key`, `apiKey` and `API-KEY` all hit. */
const SENSITIVE_FRAGMENTS = ['password', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'session', 'cookie', 'creditcard', 'cardnumber', 'oauth'];
/** Short words only count as a whole name segment (`ssn`, not `crossnode`). */
const SENSITIVE_WORDS = new Set(['ssn', 'cvv']);
const LARGE_TYPES = new Set(['bytea', 'blob', 'tinyblob', 'mediumblob', 'longblob', 'binary', 'varbinary', 'vector', 'json', 'jsonb']);

/** Base type name: lower case, no length/precision, no array brackets (`varbinary(16)` → `varbinary`). */
function baseType(type: string): string {
  return type.trim().toLowerCase().replace(/\(.*$/, '').replace(/\[\]$/, '').split(/\s+/)[0] ?? '';
}

/**
 * `inspect` suggestions for one column (cli.md `inspect`), by name and type only. Engine
 * agnostic: both SQL adapters call it with their own type spelling.
 */
export function suggestColumn(column: { name: string; type: string; primaryKey: boolean }): ColumnSuggestion[] {
  const name = column.name.toLowerCase();
  const compact = name.replace(/[_-]/g, '');
  const suggestions: ColumnSuggestion[] = [];
  const tenant = TENANT_NAMES.has(name);
  if (tenant) suggestions.push('tenant');
  if (CONFLICT_NAMES.has(name)) suggestions.push('conflict');
  if (column.primaryKey || tenant || IMMUTABLE_NAMES.has(name)) suggestions.push('immutable');
  const words = name.split(/[_-]/);
  if (SENSITIVE_FRAGMENTS.some((f) => compact.includes(f)) || words.some((w) => SENSITIVE_WORDS.has(w))) {
    suggestions.push('sensitive');
  }
  if (LARGE_TYPES.has(baseType(column.type))) suggestions.push('large_binary');
  return suggestions;
}

/** Default visible = neither sensitive nor large/binary. */
export function defaultVisible(suggestions: readonly ColumnSuggestion[]): boolean {
  return !suggestions.includes('sensitive') && !suggestions.includes('large_binary');
}
