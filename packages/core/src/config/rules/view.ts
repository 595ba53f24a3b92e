import * as v from 'valibot';
import { isPlainObject, own } from '../json.js';
import { ModeSchema } from '../schema.js';
import { SourceSchema } from '../schema-source.js';
import { ContextSchema } from '../schema-context.js';
import { ExecutorSchema } from '../schema-executor.js';
import { CapabilitySchema } from '../schema-capability.js';
import type { CapabilityConfig, ConfigMode, ContextConfig, ExecutorConfig, SourceConfig } from '../types.js';
import type { Report } from '../issues.js';

/**
 * Typed view for cross-field rules. Each section entry is parsed on its own, so rules still run
 * for the valid parts of a config that has errors elsewhere (all problems are reported at
 * once) while only ever seeing well-typed values. Name sets hold every declared key, valid or
 * not, so a broken source is not also reported as "unknown" by the capabilities using it.
 */
export interface ConfigView {
  raw: Record<string, unknown>;
  mode: ConfigMode | undefined;
  sourceNames: ReadonlySet<string>;
  contextNames: ReadonlySet<string>;
  executorNames: ReadonlySet<string>;
  sources: ReadonlyMap<string, SourceConfig>;
  contexts: ReadonlyMap<string, ContextConfig>;
  executors: ReadonlyMap<string, ExecutorConfig>;
  trustedContext: ContextConfig | undefined;
  /** Valid capabilities with their index in `capabilities[]`. */
  capabilities: ReadonlyArray<{ index: number; capability: CapabilityConfig }>;
  report: Report;
}

const PARSE_CONFIG = { abortPipeEarly: true } as const;

function parsed<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | undefined {
  const result = v.safeParse(schema, value, PARSE_CONFIG);
  return result.success ? result.output : undefined;
}

function parsedMap<S extends v.GenericSchema>(schema: S, raw: unknown): Map<string, v.InferOutput<S>> {
  const out = new Map<string, v.InferOutput<S>>();
  if (!isPlainObject(raw)) return out;
  for (const [name, value] of Object.entries(raw)) {
    const item = parsed(schema, value);
    if (item !== undefined) out.set(name, item);
  }
  return out;
}

const keysOf = (raw: unknown): Set<string> => new Set(isPlainObject(raw) ? Object.keys(raw) : []);

export function buildView(raw: Record<string, unknown>, report: Report): ConfigView {
  const rawCapabilities = own(raw, 'capabilities');
  const capabilities: Array<{ index: number; capability: CapabilityConfig }> = [];
  if (Array.isArray(rawCapabilities)) {
    rawCapabilities.forEach((value, index) => {
      const capability = parsed(CapabilitySchema, value);
      if (capability) capabilities.push({ index, capability });
    });
  }
  return {
    raw,
    mode: parsed(ModeSchema, own(raw, 'mode')),
    sourceNames: keysOf(own(raw, 'sources')),
    contextNames: keysOf(own(raw, 'contexts')),
    executorNames: keysOf(own(raw, 'executors')),
    sources: parsedMap(SourceSchema, own(raw, 'sources')),
    contexts: parsedMap(ContextSchema, own(raw, 'contexts')),
    executors: parsedMap(ExecutorSchema, own(raw, 'executors')),
    trustedContext: parsed(ContextSchema, own(raw, 'trusted_context')),
    capabilities,
    report,
  };
}
