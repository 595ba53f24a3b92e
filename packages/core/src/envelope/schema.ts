import type { JsonObject } from '../records/index.js';

const nullable = (schema: JsonObject): JsonObject => ({ anyOf: [{ type: 'null' }, schema] });
const str: JsonObject = { type: 'string' };
const strOrNull: JsonObject = { type: ['string', 'null'] };

const proposalSchema: JsonObject = {
  type: 'object',
  properties: {
    id: str,
    state: { type: 'string', enum: ['review_required', 'shadow_proposal_created'] },
    reused: { type: 'boolean' },
    target: str,
    diff: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { before: {}, proposed: {} },
        required: ['proposed'],
      },
    },
    approval_required: { type: 'boolean', const: true },
    required_role: strOrNull,
    expires_at: strOrNull,
    writeback: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['direct_update', 'app_handler'] },
        applied: { type: 'boolean', const: false },
      },
      required: ['mode', 'applied'],
    },
    resource: str,
    next: str,
  },
  required: [
    'id',
    'state',
    'reused',
    'target',
    'diff',
    'approval_required',
    'required_role',
    'expires_at',
    'writeback',
    'resource',
    'next',
  ],
};

const errorSchema: JsonObject = {
  type: 'object',
  properties: { code: str, message: str, retryable: { type: 'boolean' }, hint: str },
  required: ['code', 'message', 'retryable', 'hint'],
};

const evidenceSchema: JsonObject = {
  type: 'object',
  properties: { bundle_id: str, resource: str, note: str },
  required: ['bundle_id', 'resource', 'note'],
};

const metaSchema: JsonObject = {
  type: 'object',
  properties: { tenant_id: str, principal: str, provenance: str, canonical_capability: str },
};

/** JSON Schema of the v2 result envelope, published as every tool's `outputSchema`. */
export const ENVELOPE_V2_SCHEMA: JsonObject & { type: 'object' } = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    summary: str,
    action: str,
    kind: { type: ['string', 'null'], enum: ['read', 'proposal', null] },
    data: { type: ['object', 'null'] },
    proposal: nullable(proposalSchema),
    error: nullable(errorSchema),
    evidence: nullable(evidenceSchema),
    source_database_changed: { type: 'boolean', const: false },
    _meta: metaSchema,
  },
  required: [
    'ok',
    'summary',
    'action',
    'kind',
    'data',
    'proposal',
    'error',
    'evidence',
    'source_database_changed',
    '_meta',
  ],
  additionalProperties: false,
};
