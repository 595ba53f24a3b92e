import type { ArgSpec, CapabilityConfig } from '../config/index.js';
import { SynapsorError } from '../errors/index.js';
import { isReservedArgName } from '../guards/index.js';
import type { JsonObject, JsonPrimitive } from '../records/index.js';

/** Runtime cap for string arguments without `max_length` (config.md). */
export const DEFAULT_MAX_STRING_LENGTH = 4096;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type ValidatedArguments = Record<string, JsonPrimitive>;

function fail(code: string, message: string): never {
  throw new SynapsorError(code, message);
}

/** `arguments` absent → `{}`; anything but a plain JSON object is refused. */
export function argumentsObject(args: unknown): Record<string, unknown> {
  if (args === undefined) return {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    fail('ARGUMENT_TYPE_INVALID', 'Tool arguments must be a JSON object.');
  }
  return args as Record<string, unknown>;
}

function validateString(name: string, spec: ArgSpec, value: unknown): string {
  // A lone surrogate or NUL cannot be stored or compared safely, so it is a type error.
  if (typeof value !== 'string' || value.includes('\u0000') || LONE_SURROGATE.test(value)) {
    fail('ARGUMENT_TYPE_INVALID', `Argument ${name} must be a string.`);
  }
  const normalised = value.normalize('NFC');
  if (spec.required && normalised.trim() === '') fail('ARGUMENT_REQUIRED', `Argument ${name} is required.`);
  const limit = spec.max_length ?? DEFAULT_MAX_STRING_LENGTH;
  // Length in code points, not UTF-16 units: an emoji counts once.
  if ([...normalised].length > limit) fail('ARGUMENT_TOO_LONG', `Argument ${name} is longer than ${limit} characters.`);
  return normalised;
}

function validateNumber(name: string, spec: ArgSpec, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('ARGUMENT_TYPE_INVALID', `Argument ${name} must be a number.`);
  if (spec.minimum !== undefined && value < spec.minimum) {
    fail('ARGUMENT_BELOW_MINIMUM', `Argument ${name} must be at least ${spec.minimum}.`);
  }
  if (spec.maximum !== undefined && value > spec.maximum) {
    fail('ARGUMENT_ABOVE_MAXIMUM', `Argument ${name} must be at most ${spec.maximum}.`);
  }
  return value;
}

function validateValue(name: string, spec: ArgSpec, value: unknown): JsonPrimitive {
  let checked: JsonPrimitive;
  if (spec.type === 'string') checked = validateString(name, spec, value);
  else if (spec.type === 'number') checked = validateNumber(name, spec, value);
  else if (typeof value === 'boolean') checked = value;
  else fail('ARGUMENT_TYPE_INVALID', `Argument ${name} must be a boolean.`);
  if (spec.enum !== undefined && !spec.enum.some((allowed) => allowed === checked)) {
    fail('ARGUMENT_NOT_ALLOWED', `Argument ${name} is not one of the allowed values.`);
  }
  return checked;
}

/**
 * Pipeline steps 2–4 (read-and-proposal.md): reserved names, undeclared names, then each
 * declared argument in config order. No coercion; the first failure wins.
 */
export function validateArguments(capability: CapabilityConfig, rawArgs: unknown): ValidatedArguments {
  const args = argumentsObject(rawArgs);
  const names = Object.keys(args);
  const reserved = names.find(isReservedArgName);
  if (reserved !== undefined) {
    fail('MODEL_CANNOT_OVERRIDE_BINDING', 'An argument tries to set a value the runner binds itself; remove it.');
  }
  const unknown = names.find((name) => !Object.hasOwn(capability.args, name));
  if (unknown !== undefined) fail('ARGUMENT_UNKNOWN', 'An argument is not declared by this tool; use only the listed arguments.');
  const validated: ValidatedArguments = {};
  for (const [name, spec] of Object.entries(capability.args)) {
    const value = Object.hasOwn(args, name) ? args[name] : undefined;
    if (value === undefined || value === null) {
      if (spec.required) fail('ARGUMENT_REQUIRED', `Argument ${name} is required.`);
      continue;
    }
    validated[name] = validateValue(name, spec, value);
  }
  const lookup = validated[capability.lookup.id_from_arg];
  if (lookup === undefined || lookup === null) fail('LOOKUP_ARG_MISSING', 'The lookup argument is missing.');
  return validated;
}

/** Validated arguments as stored in evidence (a plain JSON object). */
export const argumentsForEvidence = (args: ValidatedArguments): JsonObject => ({ ...args });
