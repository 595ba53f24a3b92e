import type { CapabilityConfig, ConfigMode, RunnerConfig } from '../config/index.js';
import type { AliasMode, ResultFormat, ToolDescriptor } from '../runtime/types.js';
import { exposedNames } from './alias.js';
import { toolDescriptor } from './descriptor.js';

export interface CompileOptions {
  aliasMode: AliasMode;
  /** Effective mode (defaults to the config's); `read_only` lists only reads. */
  mode?: ConfigMode;
  /** Defaults to the config's `result_format`. */
  resultFormat?: ResultFormat;
}

export interface CompiledTools {
  /** Frozen at startup: listing allocates nothing per call. */
  readonly descriptors: readonly ToolDescriptor[];
  /** Exposed name (canonical or alias) → listed capability. */
  resolve(exposedName: string): CapabilityConfig | null;
  /**
   * Exposed name → a proposal capability hidden by `read_only` mode, so a call can be answered
   * `PROPOSALS_DISABLED` instead of "unknown tool".
   */
  resolveHidden(exposedName: string): CapabilityConfig | null;
  /** Listed capabilities in config order. */
  readonly capabilities: readonly CapabilityConfig[];
}

/**
 * Capabilities → tool descriptors, once at startup. Names are assigned over every capability
 * in config order so an alias never depends on the mode; `TOOL_NAME_COLLISION` throws.
 */
export function compileTools(config: RunnerConfig, options: CompileOptions): CompiledTools {
  const mode = options.mode ?? config.mode;
  const resultFormat = options.resultFormat ?? config.result_format;
  const names = exposedNames(
    config.capabilities.map((capability) => capability.name),
    options.aliasMode,
  );
  const listed = new Map<string, CapabilityConfig>();
  const hidden = new Map<string, CapabilityConfig>();
  const descriptors: ToolDescriptor[] = [];
  const capabilities: CapabilityConfig[] = [];
  config.capabilities.forEach((capability, index) => {
    const isListed = mode !== 'read_only' || capability.kind === 'read';
    if (isListed) capabilities.push(capability);
    for (const { name } of names[index]!) {
      if (!isListed) {
        hidden.set(name, capability);
        continue;
      }
      listed.set(name, capability);
      descriptors.push(Object.freeze(toolDescriptor(capability, { exposedName: name, aliasMode: options.aliasMode, resultFormat })));
    }
  });
  return {
    descriptors: Object.freeze(descriptors),
    resolve: (name) => listed.get(name) ?? null,
    resolveHidden: (name) => hidden.get(name) ?? null,
    capabilities: Object.freeze(capabilities),
  };
}
