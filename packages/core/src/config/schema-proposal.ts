import * as v from 'valibot';
import { codesFor, finiteNumber, identifier, identifierList, nonEmptyMap, text } from './fields.js';
import { DURATION_PATTERN, ROLE_PATTERN } from './patterns.js';
import { isDuration } from './duration.js';

export type PatchBinding = { fixed: string | number | boolean | null } | { from_arg: string };

const FixedValueSchema = v.nullable(
  v.union([v.string(), finiteNumber('INVALID_PATCH_BINDING'), v.boolean()], 'INVALID_PATCH_BINDING'),
);

/** Both keys optional here; "exactly one" is the check, the transform narrows the type. */
export const PatchBindingObjectSchema = v.object(
  {
    fixed: v.optional(FixedValueSchema),
    from_arg: v.optional(v.string('INVALID_PATCH_BINDING')),
  },
  'PATCH_BINDING_NOT_OBJECT',
);

const PatchBindingSchema = v.pipe(
  PatchBindingObjectSchema,
  v.check((b) => ('fixed' in b) !== ('from_arg' in b), 'INVALID_PATCH_BINDING'),
  v.transform((b): PatchBinding => (b.from_arg !== undefined ? { from_arg: b.from_arg } : { fixed: b.fixed ?? null })),
);

export const PatchSchema = nonEmptyMap(identifier('INVALID_PATCH_COLUMN'), PatchBindingSchema, 'PATCH_REQUIRED');

export const AllowedColumnsSchema = identifierList('ALLOWED_COLUMNS_REQUIRED', 'INVALID_ALLOWED_COLUMN');

export const NumericBoundSchema = v.object(
  { minimum: v.optional(finiteNumber('INVALID_MINIMUM')), maximum: v.optional(finiteNumber('INVALID_MAXIMUM')) },
  'NUMERIC_BOUND_NOT_OBJECT',
);

export const NumericBoundsSchema = v.record(
  identifier('INVALID_NUMERIC_BOUND_COLUMN'),
  NumericBoundSchema,
  'NUMERIC_BOUNDS_NOT_OBJECT',
);

const ToValuesSchema = v.pipe(
  v.array(text(1, 256, 'TRANSITION_TO_VALUES_REQUIRED'), 'TRANSITION_TO_VALUES_REQUIRED'),
  v.minLength(1, 'TRANSITION_TO_VALUES_REQUIRED'),
);

export const TransitionGuardSchema = v.object(
  {
    from_column: v.optional(identifier('INVALID_TRANSITION_FROM_COLUMN')),
    allowed: nonEmptyMap(text(1, 256, 'TRANSITION_FROM_REQUIRED'), ToValuesSchema, 'TRANSITION_FROM_REQUIRED'),
  },
  codesFor('TRANSITION_GUARD_NOT_OBJECT', { allowed: 'TRANSITION_ALLOWED_REQUIRED' }),
);

export const TransitionGuardsSchema = v.record(
  identifier('INVALID_TRANSITION_GUARD_COLUMN'),
  TransitionGuardSchema,
  'TRANSITION_GUARDS_NOT_OBJECT',
);

export const ConflictGuardSchema = v.object(
  {
    column: v.optional(identifier('INVALID_CONFLICT_GUARD_COLUMN')),
    weak_guard_ack: v.optional(v.boolean('INVALID_WEAK_GUARD_ACK')),
    bump: v.optional(v.picklist(['now', 'increment'], 'INVALID_CONFLICT_GUARD_BUMP')),
  },
  'CONFLICT_GUARD_REQUIRED',
);

export const ApprovalSchema = v.object(
  {
    mode: v.optional(v.literal('human', 'INVALID_APPROVAL_MODE'), 'human'),
    required_role: v.optional(v.pipe(v.string('INVALID_REQUIRED_ROLE'), v.regex(ROLE_PATTERN, 'INVALID_REQUIRED_ROLE'))),
    expires_after: v.optional(
      v.pipe(
        v.string('INVALID_EXPIRES_AFTER'),
        v.regex(DURATION_PATTERN, 'INVALID_EXPIRES_AFTER'),
        v.check((s: string) => isDuration(s), 'INVALID_EXPIRES_AFTER'),
      ),
    ),
  },
  'APPROVAL_NOT_OBJECT',
);
