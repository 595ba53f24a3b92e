export const REDACTED_DATABASE_URL = '[redacted-database-url]';
export const REDACTED_TOKEN = '[redacted-token]';

const DATABASE_URL = /\b(?:postgres(?:ql)?|mysql|mariadb)(?:\+[a-z0-9]+)?:\/\/[^\s"'<>`]*/gi;

/**
 * Deep-copies a JSON value with every string scrubbed: database URLs and the bearer token are
 * replaced. Scrubbing values (not the serialized text) keeps the output valid JSON whatever
 * characters the token contains.
 */
export function createScrubber(token: string | null): (value: unknown) => unknown {
  const scrubString = (text: string): string => {
    let out = text.replace(DATABASE_URL, REDACTED_DATABASE_URL);
    if (token) out = out.split(token).join(REDACTED_TOKEN);
    return out;
  };
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubString(value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrubString(key), scrub(item)]));
    }
    return value;
  };
  return scrub;
}
