import type { JsonObject } from '../records/index.js';

/*
 * The schema is serialized into every tool of tools/list, so each token here is paid once per
 * capability (docs/performance.md, "Tokens"). It therefore states only what a client needs to
 * validate and branch on: every top-level field, its type and nullability, and that all of them
 * are always present. `ok` is the only field clients branch on (mcp.md), so nested objects are
 * plain `object|null` — their shapes are typed in `types.ts`, pinned by the runtime tests, and
 * documented in mcp.md. No descriptions, enums or consts: they would cost tokens on every tool
 * without changing what a client can do with a result.
 */
const objectOrNull: JsonObject = { type: ['object', 'null'] };

/**
 * JSON Schema of the v2 result envelope, published as every tool's `outputSchema` (one frozen
 * object shared by all descriptors: the list is compiled once and never copies it). Every real
 * envelope validates against it — the SDK client checks structuredContent with it.
 */
export const ENVELOPE_V2_SCHEMA: JsonObject & { type: 'object' } = deepFreeze({
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    summary: { type: 'string' },
    action: { type: 'string' },
    kind: { type: ['string', 'null'] },
    data: objectOrNull,
    proposal: objectOrNull,
    error: objectOrNull,
    evidence: objectOrNull,
    source_database_changed: { type: 'boolean' },
    // Always an object: `{}` when the context could not be resolved.
    _meta: { type: 'object' },
  },
  required: ['ok', 'summary', 'action', 'kind', 'data', 'proposal', 'error', 'evidence', 'source_database_changed', '_meta'],
});

// Shared by reference across every descriptor and session: a consumer mutating it would change
// what every tool publishes.
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  return Object.freeze(value);
}
