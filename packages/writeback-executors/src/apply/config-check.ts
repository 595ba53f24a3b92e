import * as v from 'valibot';
import { RunnerConfigSchema } from '@synapsor/core';
import type { RunnerConfig } from '@synapsor/core';
import { refuseWith } from './refusal.js';

/**
 * Check 1: the config document validates. Only the issue codes are reported, never values.
 * The full validator's cross-field rules are re-checked where apply relies on them (checks 8–12).
 */
export function validatedConfig(config: unknown): RunnerConfig {
  const parsed = v.safeParse(RunnerConfigSchema, config);
  if (!parsed.success) {
    const codes = [...new Set(parsed.issues.map((issue) => issue.message))].slice(0, 5).join(', ');
    refuseWith('CONFIG_INVALID', `The config does not validate (${codes})`);
  }
  if (parsed.output.mode !== 'review') {
    refuseWith('MODE_NOT_REVIEW', `Writeback needs mode "review"; the config is in "${parsed.output.mode}" mode`);
  }
  return parsed.output;
}
