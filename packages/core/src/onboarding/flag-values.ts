import { SynapsorError } from '../errors/index.js';
import type { FixedValue, PatchBindingInput, TransitionGuardInput } from './types.js';

/**
 * Parsers for the repeatable `init` flag values (cli.md). Each throws `SynapsorError`
 * `INVALID_FLAG_VALUE` naming the flag, so the CLI can report a usage error (exit 2).
 */
function bad(flag: string, expected: string, value: string): never {
  throw new SynapsorError('INVALID_FLAG_VALUE', `${flag} expects ${expected}, got "${value}"`);
}

function splitAssignment(flag: string, expected: string, value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0) bad(flag, expected, value);
  return [value.slice(0, at).trim(), value.slice(at + 1)];
}

/** `null`, `true`, `false`, numbers, else the string itself. */
export function parseFixedValue(text: string): FixedValue {
  const trimmed = text.trim();
  if (trimmed === 'null') return null;
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(trimmed) && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}

/** `--patch col=fixed:v` | `col=arg:name`. */
export function parsePatchFlag(value: string): [string, PatchBindingInput] {
  const expected = 'col=fixed:<value> or col=arg:<name>';
  const [column, binding] = splitAssignment('--patch', expected, value);
  if (binding.startsWith('fixed:')) return [column, { fixed: parseFixedValue(binding.slice('fixed:'.length)) }];
  if (binding.startsWith('arg:') && binding.length > 'arg:'.length) return [column, { from_arg: binding.slice('arg:'.length).trim() }];
  return bad('--patch', expected, value);
}

function parseNumber(flag: string, expected: string, text: string, value: string): number | undefined {
  if (text.trim() === '') return undefined;
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) bad(flag, expected, value);
  return parsed;
}

/** `--patch-bounds col=min:max` (either side may be empty). */
export function parseBoundsFlag(value: string): [string, { minimum?: number; maximum?: number }] {
  const expected = 'col=<min>:<max>';
  const [column, range] = splitAssignment('--patch-bounds', expected, value);
  const parts = range.split(':');
  if (parts.length !== 2) bad('--patch-bounds', expected, value);
  const minimum = parseNumber('--patch-bounds', expected, parts[0]!, value);
  const maximum = parseNumber('--patch-bounds', expected, parts[1]!, value);
  if (minimum === undefined && maximum === undefined) bad('--patch-bounds', expected, value);
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) bad('--patch-bounds', 'min ≤ max', value);
  return [column, { ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) }];
}

/** `--transition-guard col=from:to` (repeatable; `to` may list several targets with `|`). */
export function parseTransitionFlag(value: string): [string, string, string[]] {
  const expected = 'col=<from>:<to>';
  const [column, pair] = splitAssignment('--transition-guard', expected, value);
  const at = pair.indexOf(':');
  if (at <= 0 || at === pair.length - 1) bad('--transition-guard', expected, value);
  const targets = pair.slice(at + 1).split('|').map((target) => target.trim()).filter(Boolean);
  return [column, pair.slice(0, at).trim(), targets];
}

/** Folds repeated `--transition-guard` values into config-shaped guards. */
export function transitionGuardsFrom(values: readonly string[]): Record<string, TransitionGuardInput> {
  const guards: Record<string, TransitionGuardInput> = {};
  for (const value of values) {
    const [column, from, targets] = parseTransitionFlag(value);
    const guard = (guards[column] ??= { allowed: {} });
    guard.allowed[from] = [...new Set([...(guard.allowed[from] ?? []), ...targets])];
  }
  return guards;
}

/** `a,b, c` → `['a','b','c']`; empty entries are an error. */
export function parseColumnList(flag: string, value: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.length === 0 || items.some((item) => item === '')) bad(flag, 'a comma-separated list of column names', value);
  return items;
}
