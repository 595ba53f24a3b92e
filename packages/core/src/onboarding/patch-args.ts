import { INIT_DEFAULTS } from './defaults.js';
import type { PatchArgInput, PatchBindingInput, TransitionGuardInput } from './types.js';

interface PatchArgContext {
  patch: Record<string, PatchBindingInput>;
  explicit: Record<string, PatchArgInput>;
  numeric_bounds: Record<string, { minimum?: number; maximum?: number }>;
  transition_guards: Record<string, TransitionGuardInput>;
}

function targetsOf(guard: TransitionGuardInput): string[] {
  return [...new Set(Object.values(guard.allowed).flat())];
}

/**
 * One arg spec per `from_arg` binding (cli.md init): an explicit `patch_args` entry wins;
 * else a bounded column → number with min/max, a transition-guarded column → string enum of
 * the guard's targets, anything else → string of at most 500 characters.
 */
export function inferPatchArgs(context: PatchArgContext): Record<string, PatchArgInput> {
  const args: Record<string, PatchArgInput> = {};
  for (const [column, binding] of Object.entries(context.patch)) {
    if (!('from_arg' in binding)) continue;
    const name = binding.from_arg;
    if (Object.hasOwn(context.explicit, name)) {
      args[name] = context.explicit[name]!;
      continue;
    }
    const bounds = context.numeric_bounds[column];
    const guard = context.transition_guards[column];
    if (bounds) args[name] = { type: 'number', ...bounds, description: `New ${column.replace(/_/g, ' ')}.` };
    else if (guard) args[name] = { type: 'string', enum: targetsOf(guard), description: `Target ${column.replace(/_/g, ' ')}.` };
    else args[name] = { type: 'string', max_length: INIT_DEFAULTS.text_max_length, description: `${name.replace(/_/g, ' ')} for the reviewer.` };
  }
  return args;
}
