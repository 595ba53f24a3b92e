import * as v from 'valibot';
import { isSafeCode } from '../errors/index.js';
import { RunnerConfigSchema } from './schema.js';
import type { RunnerConfig } from './types.js';
import { collector, finaliseIssues, type Issue, type RawIssue } from './issues.js';
import { segmentsOf } from './path.js';
import { depthExceeds, isPlainObject, own } from './json.js';
import { reportForbidden } from './forbidden-keys.js';
import { reportUnknownKeys } from './unknown-keys.js';
import { buildView } from './rules/view.js';
import { checkRoot } from './rules/root.js';
import { checkSections } from './rules/sections.js';
import { checkCapabilities } from './rules/capability.js';

export interface ConfigValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Normalised config with defaults applied; present iff `ok`. */
  config?: RunnerConfig;
}

/** Far beyond any real config (≈ 7 levels); keeps hostile nesting away from the walkers. */
export const MAX_CONFIG_DEPTH = 64;

// One issue per field: the first failing action of a pipe decides the code.
const PARSE_CONFIG = { abortPipeEarly: true } as const;

/** Every schema message is a code; anything else would be a schema bug, never shown raw. */
function codeOf(issue: v.BaseIssue<unknown>): string {
  return isSafeCode(issue.message) ? issue.message : 'INVALID_CONFIG_VALUE';
}

export function failedResult(code: string, message?: string): ConfigValidationResult {
  const issue: RawIssue = { path: [], code, severity: 'error', ...(message === undefined ? {} : { message }) };
  return { ok: false, ...finaliseIssues(undefined, [issue]) };
}

/**
 * Validates a parsed `synapsor.runner.json` (config.md): structure and per-field codes from the
 * valibot schema, forbidden and unknown keys from the walkers, then cross-field rules. Errors
 * and warnings each come in document order.
 */
export function validateConfig(json: unknown): ConfigValidationResult {
  if (depthExceeds(json, MAX_CONFIG_DEPTH)) return failedResult('CONFIG_TOO_DEEP');
  if (!isPlainObject(json)) return failedResult('CONFIG_NOT_OBJECT');

  const { issues, report } = collector();
  reportForbidden(json, [], report);
  const parsed = v.safeParse(RunnerConfigSchema, json, PARSE_CONFIG);
  for (const issue of parsed.issues ?? []) report(segmentsOf(issue.path), codeOf(issue));
  // An invalid `strict` value is itself an error; unknown keys then stay errors (fail closed).
  reportUnknownKeys(json, own(json, 'strict') !== false, report);

  const view = buildView(json, report);
  checkRoot(view);
  checkSections(view);
  checkCapabilities(view);

  const { errors, warnings } = finaliseIssues(json, issues);
  if (errors.length > 0 || !parsed.success) return { ok: false, errors, warnings };
  return { ok: true, errors, warnings, config: parsed.output };
}
