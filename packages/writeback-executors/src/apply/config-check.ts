import { validateConfig } from '@synapsor/core';
import type { RunnerConfig } from '@synapsor/core';
import { refuseWith } from './refusal.js';

/**
 * Check 1: the config document passes core's full validator (schema and every cross-field
 * rule), exactly as the servers require. Only issue codes are reported, never values.
 */
export function validatedConfig(config: unknown): RunnerConfig {
  const result = validateConfig(config);
  if (!result.ok || !result.config) {
    const codes = [...new Set(result.errors.map((issue) => issue.code))].slice(0, 5).join(', ');
    refuseWith('CONFIG_INVALID', `The config does not validate (${codes || 'invalid'})`);
  }
  if (result.config.mode !== 'review') {
    refuseWith('MODE_NOT_REVIEW', `Writeback needs mode "review"; the config is in "${result.config.mode}" mode`);
  }
  return result.config;
}
