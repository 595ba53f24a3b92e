import { SECRET_MASK, canonicalJson, findSecretMaterial, isSecretKey, maskSecretText } from '@synapsor/core';
import type { JsonObject, JsonValue } from '@synapsor/core';

// One rule set: the ledger refuses any receipt holding secret material (ledger.md), and a
// refusal after the source changed would strand the proposal in `pending_worker`. So redaction
// uses core's own key and value rules; the only addition is the executor's own env values.

export const MAX_DETAILS_BYTES = 16 * 1024;

/** Masks the executor's known secret values (≥ 4 chars, so tiny values don't blank out text), then whatever the ledger would reject. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(SECRET_MASK);
  }
  return maskSecretText(out);
}

function redactValue(value: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === 'object') return redactObject(value, secrets);
  return value;
}

/** Keys that name a credential are dropped (not masked); every string is redacted. */
export function redactObject(value: JsonObject, secrets: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (isSecretKey(key)) continue;
    out[redactText(key, secrets)] = redactValue(item, secrets);
  }
  return out;
}

/**
 * Redacted details, replaced by a marker when still larger than 16 KiB. The final
 * `findSecretMaterial` check is the ledger's exact test: should redaction ever miss, the
 * details are dropped rather than failing the receipt write.
 */
export function boundedDetails(value: JsonObject, secrets: readonly string[]): JsonObject {
  const redacted = redactObject(value, secrets);
  if (findSecretMaterial(redacted) !== null) return { details_redacted: true };
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
