import { validateConfig, type Issue, type RunnerConfig } from '../config/index.js';
import type { Inspection } from '../ports/index.js';
import { buildInitConfig } from './build-config.js';
import { checkAgainstInspection } from './inspection-checks.js';
import { resolveInitSelection } from './resolve.js';
import type { InitRefusal, InitSelection, ResolvedSelection } from './types.js';

export interface InitGeneration {
  ok: boolean;
  /** The config to write; present iff `ok`. Valid by construction: `validateConfig` passed. */
  config: Record<string, unknown> | null;
  /** The same config with defaults applied (what the runtime will load); present iff `ok`. */
  normalized: RunnerConfig | null;
  resolved: ResolvedSelection | null;
  refusals: InitRefusal[];
  /** Validator warnings of the generated config (e.g. `WEAK_CONFLICT_GUARD`). */
  warnings: Issue[];
}

/**
 * `init` product logic end to end: defaults → inspection checks (when inspected) → config →
 * validation. Any refusal or validation error means nothing may be written (exit 2).
 */
export function generateInitConfig(
  selection: InitSelection,
  options: { inspection?: Inspection; allowSensitive?: boolean } = {},
): InitGeneration {
  const { resolved, table, refusals } = resolveInitSelection(selection, options.inspection);
  if (!resolved) return { ok: false, config: null, normalized: null, resolved: null, refusals, warnings: [] };
  const inspectionRefusals = table ? checkAgainstInspection(resolved, table, { allowSensitive: options.allowSensitive ?? false }) : [];
  if (inspectionRefusals.length > 0) return { ok: false, config: null, normalized: null, resolved, refusals: inspectionRefusals, warnings: [] };
  const config = buildInitConfig(resolved);
  const validation = validateConfig(config);
  if (!validation.ok) {
    const invalid = validation.errors.map((issue) => ({ code: 'GENERATED_CONFIG_INVALID', message: `${issue.path} ${issue.code}: ${issue.message}` }));
    return { ok: false, config: null, normalized: null, resolved, refusals: invalid, warnings: validation.warnings };
  }
  return { ok: true, config, normalized: validation.config ?? null, resolved, refusals: [], warnings: validation.warnings };
}
