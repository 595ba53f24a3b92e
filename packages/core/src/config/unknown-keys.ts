import * as v from 'valibot';
import { isPlainObject } from './json.js';
import type { PathSegment } from './path.js';
import type { Report, Severity } from './issues.js';
import { isForbiddenKey } from './forbidden-keys.js';
import { RunnerConfigSchema } from './schema.js';
import { PROPOSAL_ONLY_FIELDS, ReadCapabilitySchema } from './schema-capability.js';

/**
 * Shape walk driven by the valibot schema itself, so the list of known fields has
 * one source. Some keys are not merely unknown but meaningful mistakes; they get their own
 * code and are always errors.
 */
const SPECIAL_KEYS: ReadonlyMap<object, Readonly<Record<string, string>>> = new Map<object, Record<string, string>>([
  [RunnerConfigSchema, { cloud: 'CLOUD_MODE_UNSUPPORTED' }],
  [
    ReadCapabilitySchema,
    {
      ...Object.fromEntries(PROPOSAL_ONLY_FIELDS.map((field) => [field, 'PROPOSAL_FIELD_ON_READ'])),
      executor: 'INVALID_EXECUTOR_REFERENCE',
    },
  ],
]);

/** The parts of valibot schema objects the walk reads (all present on the runtime objects). */
interface SchemaNode {
  type: string;
  wrapped?: SchemaNode;
  entries?: Record<string, SchemaNode>;
  value?: SchemaNode;
  item?: SchemaNode;
  key?: string;
  options?: SchemaNode[];
  message?: string | ((issue: { path?: undefined }) => string);
}

/**
 * valibot's object, record and variant schemas accept arrays (they only test `typeof`), so an
 * array where a JSON object belongs is reported here, with the schema's own "not an object" code.
 */
function notObjectCode(node: SchemaNode): string {
  const message = node.message;
  if (typeof message === 'function') return message({});
  return message ?? 'UNKNOWN_FIELD';
}

/** Variant option whose discriminator accepts the input's discriminator value. */
function pickVariantOption(node: SchemaNode, input: Record<string, unknown>): SchemaNode | undefined {
  const key = node.key!;
  return node.options?.find((option) => {
    const discriminator = option.entries?.[key];
    return discriminator !== undefined && v.is(discriminator as unknown as v.GenericSchema, input[key]);
  });
}

function walk(node: SchemaNode, value: unknown, path: PathSegment[], report: Report, severity: Severity): void {
  if (Array.isArray(value) && (node.type === 'object' || node.type === 'record' || node.type === 'variant')) {
    report(path, notObjectCode(node), 'error', undefined, true);
    return;
  }
  switch (node.type) {
    case 'optional':
    case 'nullable':
      walk(node.wrapped!, value, path, report, severity);
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, i) => walk(node.item!, item, [...path, i], report, severity));
      return;
    case 'record':
      if (!isPlainObject(value)) return;
      for (const [key, child] of Object.entries(value)) {
        if (!isForbiddenKey(key)) walk(node.value!, child, [...path, key], report, severity);
      }
      return;
    case 'variant': {
      const option = isPlainObject(value) ? pickVariantOption(node, value) : undefined;
      if (option) walk(option, value, path, report, severity);
      return;
    }
    case 'object':
      if (isPlainObject(value)) walkObject(node, value, path, report, severity);
      return;
    default:
      return;
  }
}

function walkObject(
  node: SchemaNode,
  value: Record<string, unknown>,
  path: PathSegment[],
  report: Report,
  severity: Severity,
): void {
  const special = SPECIAL_KEYS.get(node) ?? {};
  for (const [key, child] of Object.entries(value)) {
    if (isForbiddenKey(key)) continue; // reported by the forbidden-key walker
    const entry = Object.hasOwn(node.entries!, key) ? node.entries![key] : undefined;
    if (entry) walk(entry, child, [...path, key], report, severity);
    else if (Object.hasOwn(special, key)) report([...path, key], special[key]!, 'error');
    else report([...path, key], 'UNKNOWN_FIELD', severity);
  }
}

/** Reports unknown keys at any depth (errors when `strict`, warnings otherwise) and arrays used as objects. */
export function reportUnknownKeys(config: unknown, strict: boolean, report: Report): void {
  walk(RunnerConfigSchema as unknown as SchemaNode, config, [], report, strict ? 'error' : 'warning');
}
