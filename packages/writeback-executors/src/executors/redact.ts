import { canonicalJson } from '@synapsor/core';
import type { JsonObject, JsonValue } from '@synapsor/core';

/** Keys whose values are credentials by name; they are dropped, not masked. */
const SECRET_KEY = /pass(word)?|secret|token|authori[sz]ation|api[_-]?key|credential|private[_-]?key|cookie|dsn|connection[_-]?string|database[_-]?url/i;
/** Connection URLs and `user:password@` authorities never leave the runner. */
const SECRET_TEXT = /\b(?:postgres(?:ql)?|mysql|mariadb|redis|mongodb(?:\+srv)?):\/\/\S*|\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]+@\S*|\bBearer\s+[A-Za-z0-9._~+/=-]+/g;
const MASK = '[REDACTED]';
export const MAX_DETAILS_BYTES = 16 * 1024;

/** Replaces known secret values (≥ 4 chars, so tiny values don't blank out text) and URL-ish secrets. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(MASK);
  }
  return out.replace(SECRET_TEXT, MASK);
}

function redactValue(value: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === 'object') return redactObject(value, secrets);
  return value;
}

export function redactObject(value: JsonObject, secrets: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) continue;
    out[redactText(key, secrets)] = redactValue(item, secrets);
  }
  return out;
}

/** Redacted details, replaced by a marker when still larger than 16 KiB. */
export function boundedDetails(value: JsonObject, secrets: readonly string[]): JsonObject {
  const redacted = redactObject(value, secrets);
  const bytes = Buffer.byteLength(canonicalJson(redacted), 'utf8');
  return bytes <= MAX_DETAILS_BYTES ? redacted : { details_truncated: true, original_bytes: bytes };
}

/** Every non-empty env value named by the executor config: what must never be echoed back. */
export function secretValues(env: Readonly<Record<string, string | undefined>>, names: readonly (string | undefined)[]): string[] {
  const values: string[] = [];
  for (const name of names) {
    const value = name ? env[name] : undefined;
    if (value) values.push(value);
  }
  return values;
}
