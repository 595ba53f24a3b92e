import * as v from 'valibot';
import { isReservedArgName } from '../guards/reserved-args.js';
import { SQL_IDENTIFIER_PATTERN } from '../guards/identifier.js';
import { boundedInt, codesFor, finiteNumber, text } from './fields.js';

/** Reserved check first: `Tenant-ID` must report the reserved name, not a bad identifier. */
export const ArgNameSchema = v.pipe(
  v.string('INVALID_ARG_NAME'),
  v.check((name) => !isReservedArgName(name), 'MODEL_CONTROLLED_RESERVED_ARG'),
  v.regex(SQL_IDENTIFIER_PATTERN, 'INVALID_ARG_NAME'),
);

const EnumValueSchema = v.union([v.string(), finiteNumber('INVALID_ARG_ENUM'), v.boolean()], 'INVALID_ARG_ENUM');

/** Type-dependent rules (max_length on strings only, enum item types, ranges) are cross-field. */
export const ArgSpecSchema = v.object(
  {
    type: v.picklist(['string', 'number', 'boolean'], 'INVALID_ARG_TYPE'),
    description: v.optional(text(1, 500, 'INVALID_ARG_DESCRIPTION')),
    required: v.optional(v.boolean('INVALID_ARG_REQUIRED'), true),
    max_length: v.optional(boundedInt(1, 10_000, 'INVALID_MAX_LENGTH')),
    minimum: v.optional(finiteNumber('INVALID_MINIMUM')),
    maximum: v.optional(finiteNumber('INVALID_MAXIMUM')),
    enum: v.optional(v.pipe(v.array(EnumValueSchema, 'INVALID_ARG_ENUM'), v.minLength(1, 'INVALID_ARG_ENUM'))),
  },
  codesFor('ARG_NOT_OBJECT', { type: 'INVALID_ARG_TYPE' }),
);

type ParsedArgSpec = v.InferOutput<typeof ArgSpecSchema>;

/** Default description `"<name> business argument"` depends on the map key, hence a transform. */
function withDefaultDescriptions(args: Record<string, ParsedArgSpec>) {
  const out: Record<string, ParsedArgSpec & { description: string }> = {};
  for (const [name, spec] of Object.entries(args)) {
    out[name] = { ...spec, description: spec.description ?? `${name} business argument` };
  }
  return out;
}

export const ArgsSchema = v.pipe(
  v.record(ArgNameSchema, ArgSpecSchema, 'ARGS_REQUIRED'),
  v.minEntries(1, 'ARGS_REQUIRED'),
  v.transform(withDefaultDescriptions),
);
