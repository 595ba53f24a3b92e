import type { PathSegment } from '../path.js';
import type { ArgSpec } from '../types.js';
import type { Report } from '../issues.js';

function checkEnum(spec: ArgSpec, path: PathSegment[], report: Report): void {
  if (spec.enum === undefined) return;
  const seen = new Set<unknown>();
  spec.enum.forEach((value, index) => {
    if (typeof value !== spec.type || seen.has(value)) report([...path, 'enum', index], 'INVALID_ARG_ENUM');
    seen.add(value);
  });
}

/** Rules that depend on the arg's `type`. */
function checkArg(name: string, spec: ArgSpec, path: PathSegment[], report: Report): void {
  if (spec.type !== 'string' && spec.max_length !== undefined) report([...path, 'max_length'], 'INVALID_MAX_LENGTH');
  if (spec.type !== 'number') {
    if (spec.minimum !== undefined) report([...path, 'minimum'], 'NUMERIC_BOUNDS_REQUIRE_NUMBER');
    if (spec.maximum !== undefined) report([...path, 'maximum'], 'NUMERIC_BOUNDS_REQUIRE_NUMBER');
  } else if (spec.minimum !== undefined && spec.maximum !== undefined && spec.minimum > spec.maximum) {
    report(path, 'INVALID_NUMERIC_RANGE');
  }
  checkEnum(spec, path, report);
  // An enum already bounds a string; only free text needs max_length.
  if (spec.type === 'string' && spec.max_length === undefined && spec.enum === undefined) {
    report(path, 'UNBOUNDED_STRING_ARG', 'warning', `string argument ${name} has no max_length (runtime cap 4096)`);
  }
}

export function checkArgs(args: Readonly<Record<string, ArgSpec>>, base: PathSegment[], report: Report): void {
  for (const [name, spec] of Object.entries(args)) checkArg(name, spec, [...base, 'args', name], report);
}
