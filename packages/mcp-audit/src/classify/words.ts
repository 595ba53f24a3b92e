/** Tokenisation shared by every classifier (audit.md "Classification"). */

/** `tenant-ID`, `tenantId` → `tenantid`. */
export function normaliseToken(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Split at camelCase boundaries and every character outside A-Za-z0-9, lowercased. */
export function splitWords(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

export const wordSet = (spaced: string): ReadonlySet<string> => new Set(spaced.split(' '));

/** The words of one field (name, description, title or summary) and where it sits in the input. */
export interface WordField {
  label: string;
  path: string;
  words: readonly string[];
}

export interface WordHit {
  field: WordField;
  word: string;
}

/** Every word of `set` in the fields, first occurrence per field and word. */
export function findWords(fields: readonly WordField[], set: ReadonlySet<string>): WordHit[] {
  return fields.flatMap((field) =>
    [...new Set(field.words.filter((word) => set.has(word)))].map((word) => ({ field, word })),
  );
}

/** First place where a word of `first` is directly followed by one of `second` (never across fields). */
export function findPair(
  fields: readonly WordField[],
  first: ReadonlySet<string>,
  second: ReadonlySet<string>,
): WordHit | undefined {
  for (const field of fields) {
    const index = field.words.findIndex((word, i) => first.has(word) && second.has(field.words[i + 1] ?? ''));
    if (index >= 0) return { field, word: `${field.words[index]} ${field.words[index + 1]}` };
  }
  return undefined;
}
