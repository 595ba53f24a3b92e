import * as v from 'valibot';
import { codesFor, identifier, identifierList, text } from './fields.js';
import { CAPABILITY_NAME_MAX_LENGTH, CAPABILITY_NAME_PATTERN } from './patterns.js';
import { ArgsSchema } from './schema-arg.js';
import {
  AllowedColumnsSchema,
  ApprovalSchema,
  ConflictGuardSchema,
  NumericBoundsSchema,
  PatchSchema,
  TransitionGuardsSchema,
} from './schema-proposal.js';

/** Tenant-guard presence (tenant_key vs single_tenant_dev) is a cross-field rule. */
export const TargetSchema = v.object(
  {
    schema: identifier('INVALID_TARGET_IDENTIFIER'),
    table: identifier('INVALID_TARGET_IDENTIFIER'),
    primary_key: identifier('INVALID_TARGET_IDENTIFIER'),
    tenant_key: v.optional(identifier('INVALID_TARGET_IDENTIFIER')),
    single_tenant_dev: v.optional(v.boolean('INVALID_TENANT_GUARD')),
  },
  codesFor('TARGET_REQUIRED'),
);

const LookupSchema = v.object(
  { id_from_arg: v.string('LOOKUP_ARG_REQUIRED') },
  codesFor('LOOKUP_REQUIRED', { id_from_arg: 'LOOKUP_ARG_REQUIRED' }),
);

const NameSchema = v.pipe(
  v.string('INVALID_CAPABILITY_NAME'),
  v.maxLength(CAPABILITY_NAME_MAX_LENGTH, 'INVALID_CAPABILITY_NAME'),
  v.regex(CAPABILITY_NAME_PATTERN, 'INVALID_CAPABILITY_NAME'),
);

/** Fields shared by both kinds, in config.md order (after name and kind). */
const commonEntries = {
  description: v.optional(text(1, 1000, 'INVALID_CAPABILITY_DESCRIPTION')),
  returns_hint: v.optional(text(1, 500, 'INVALID_RETURNS_HINT')),
  source: v.string('UNKNOWN_SOURCE'),
  context: v.optional(v.string('UNKNOWN_CONTEXT')),
  target: TargetSchema,
  args: ArgsSchema,
  lookup: LookupSchema,
  visible_columns: identifierList('VISIBLE_COLUMNS_REQUIRED', 'INVALID_VISIBLE_COLUMN'),
  evidence: v.optional(v.string('INVALID_EVIDENCE_MODE')),
  max_rows: v.optional(v.pipe(v.number('INVALID_MAX_ROWS'), v.integer('INVALID_MAX_ROWS'), v.minValue(1, 'INVALID_MAX_ROWS'))),
  single_tenant_dev_ack: v.optional(v.boolean('INVALID_SINGLE_TENANT_DEV_ACK')),
};

const commonMissing = {
  name: 'INVALID_CAPABILITY_NAME',
  kind: 'INVALID_CAPABILITY_KIND',
  source: 'UNKNOWN_SOURCE',
  target: 'TARGET_REQUIRED',
  args: 'ARGS_REQUIRED',
  lookup: 'LOOKUP_REQUIRED',
  visible_columns: 'VISIBLE_COLUMNS_REQUIRED',
};

export const ReadCapabilitySchema = v.object(
  { name: NameSchema, kind: v.literal('read', 'INVALID_CAPABILITY_KIND'), ...commonEntries },
  codesFor('CAPABILITY_NOT_OBJECT', commonMissing),
);

export const ProposalCapabilitySchema = v.object(
  {
    name: NameSchema,
    kind: v.literal('proposal', 'INVALID_CAPABILITY_KIND'),
    ...commonEntries,
    executor: v.optional(v.string('UNKNOWN_EXECUTOR')),
    patch: PatchSchema,
    allowed_columns: AllowedColumnsSchema,
    numeric_bounds: v.optional(NumericBoundsSchema),
    transition_guards: v.optional(TransitionGuardsSchema),
    conflict_guard: ConflictGuardSchema,
    approval: v.optional(ApprovalSchema, {}),
  },
  codesFor('CAPABILITY_NOT_OBJECT', {
    ...commonMissing,
    patch: 'PATCH_REQUIRED',
    allowed_columns: 'ALLOWED_COLUMNS_REQUIRED',
    conflict_guard: 'CONFLICT_GUARD_REQUIRED',
  }),
);

/** Keys only a proposal may carry; on a read they are `PROPOSAL_FIELD_ON_READ`. */
export const PROPOSAL_ONLY_FIELDS: readonly string[] = [
  'patch',
  'allowed_columns',
  'numeric_bounds',
  'transition_guards',
  'conflict_guard',
  'approval',
];

export const CapabilitySchema = v.variant(
  'kind',
  [ReadCapabilitySchema, ProposalCapabilitySchema],
  codesFor('CAPABILITY_NOT_OBJECT', { kind: 'INVALID_CAPABILITY_KIND' }),
);
