import { hashCanonical } from '../hashing/index.js';
import type { NormalizedValue, Row } from '../records/index.js';

/** Sorted, de-duplicated hash column list (read-and-proposal.md `row_hash`). */
export function hashColumns(columns: Iterable<string>): string[] {
  return [...new Set(columns)].sort();
}

/** `sha256:` + sha256 of JCS `{column: normalised value}` over the hash columns. */
export function rowHash(row: Readonly<Record<string, NormalizedValue | undefined>>, columns: Iterable<string>): string {
  const picked: Record<string, NormalizedValue> = {};
  for (const column of hashColumns(columns)) picked[column] = row[column] ?? null;
  return hashCanonical(picked satisfies Row);
}
