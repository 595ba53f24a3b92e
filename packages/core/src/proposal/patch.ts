import type { ProposalCapabilityConfig } from '../config/index.js';
import { SynapsorError } from '../errors/index.js';
import type { NormalizedValue, Row } from '../records/index.js';
import type { ValidatedArguments } from '../tools/arguments.js';
import { versionsMatch } from '../writeback/index.js';

function policy(code: string, message: string): never {
  throw new SynapsorError(code, message);
}

/** Step 12: `{fixed: v}` → v, `{from_arg: a}` → the validated value of `a`. */
export function buildPatch(capability: ProposalCapabilityConfig, args: ValidatedArguments): Row {
  const patch: Row = {};
  for (const [column, binding] of Object.entries(capability.patch)) {
    if ('fixed' in binding) {
      patch[column] = binding.fixed;
      continue;
    }
    const value = Object.hasOwn(args, binding.from_arg) ? args[binding.from_arg] : undefined;
    if (value === undefined) policy('PATCH_REQUIRED', `Argument ${binding.from_arg} is needed to prepare this proposal.`);
    patch[column] = value;
  }
  if (Object.keys(patch).length === 0) policy('PATCH_REQUIRED', 'This proposal has nothing to change.');
  return patch;
}

/** Step 13a: reviewed numeric bounds on patch values. */
export function checkNumericBounds(capability: ProposalCapabilityConfig, patch: Row): void {
  for (const [column, bound] of Object.entries(capability.numeric_bounds ?? {})) {
    if (!Object.hasOwn(patch, column)) continue;
    const value = patch[column];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      policy('PATCH_NUMERIC_BOUND_TYPE_INVALID', `The proposed ${column} must be a number.`);
    }
    if (bound.minimum !== undefined && value < bound.minimum) {
      policy('PATCH_BELOW_MINIMUM', `The proposed ${column} is below the reviewed minimum ${bound.minimum}.`);
    }
    if (bound.maximum !== undefined && value > bound.maximum) {
      policy('PATCH_ABOVE_MAXIMUM', `The proposed ${column} is above the reviewed maximum ${bound.maximum}.`);
    }
  }
}

/** Step 13b: proposed ∈ allowed[current]; a missing `from` key allows nothing. */
export function checkTransitions(capability: ProposalCapabilityConfig, patch: Row, row: Row): void {
  for (const [column, guard] of Object.entries(capability.transition_guards ?? {})) {
    if (!Object.hasOwn(patch, column)) continue;
    const current = row[guard.from_column ?? column];
    const proposed = patch[column];
    if (typeof current !== 'string' || typeof proposed !== 'string') {
      policy('PATCH_TRANSITION_TYPE_INVALID', `The ${column} transition needs text values.`);
    }
    const allowed = Object.hasOwn(guard.allowed, current) ? guard.allowed[current]! : [];
    if (!allowed.includes(proposed)) {
      // Values stay out of the message: the current one may come from a guard-only column.
      policy('PATCH_TRANSITION_NOT_ALLOWED', `The proposed ${column} is not an allowed transition from its current value.`);
    }
  }
}

/** Equal as normalised values; a number and a decimal string compare by value. */
export function sameNormalizedValue(a: NormalizedValue, b: NormalizedValue): boolean {
  if (a === b) return true;
  const comparable = (v: NormalizedValue): boolean => typeof v === 'number' || typeof v === 'string';
  return typeof a !== typeof b && comparable(a) && comparable(b) && versionsMatch(a, b);
}

/** Step 13c: a patch that changes nothing is refused. */
export function checkNoOp(patch: Row, row: Row): void {
  const unchanged = Object.entries(patch).every(([column, value]) => sameNormalizedValue(value, row[column] ?? null));
  if (unchanged) policy('NO_CHANGE', 'The record already has these values; there is nothing to propose.');
}
