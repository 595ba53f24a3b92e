import type { RunnerConfig } from '../config/index.js';
import { assertContextsSupported, type EnvMap } from '../context/index.js';
import { SynapsorError } from '../errors/index.js';
import { isoNow, systemClock, type Clock, type RandomSource } from '../ids/index.js';
import type { LedgerStore, SourceAdapter } from '../ports/index.js';
import { createResourceReader, RESOURCE_TEMPLATES } from '../resources/index.js';
import { compileTools } from '../tools/index.js';
import { callTool, type CallToolDeps } from './call-tool.js';
import { systemRandom } from './defaults.js';
import { missingEnvNames } from './missing-env.js';
import type { AliasMode, CallLogEntry, ResultFormat, Runtime } from './types.js';

export interface CreateRuntimeOptions {
  /** A validated config (`validateConfig(...).config`): defaults applied, cross-field rules passed. */
  config: RunnerConfig;
  env: EnvMap;
  /** One adapter per source name; every source a listed tool uses must be present. */
  sources: Readonly<Record<string, SourceAdapter>>;
  store: LedgerStore;
  clock?: Clock;
  random?: RandomSource;
  aliasMode?: AliasMode;
  /** Overrides the config's `result_format` (`--result-format`). */
  resultFormat?: ResultFormat;
  /** Forces `read_only` whatever the config says. */
  readOnly?: boolean;
  logger?: (entry: CallLogEntry) => void;
}

/**
 * The transport-agnostic runtime. Refuses to start (throws `SynapsorError`) on
 * `TOOL_NAME_COLLISION`, `TRUSTED_CONTEXT_UNSUPPORTED` or a missing source adapter.
 */
export function createRuntime(options: CreateRuntimeOptions): Runtime {
  const { config, env, store } = options;
  const mode = options.readOnly ? 'read_only' : config.mode;
  const aliasMode = options.aliasMode ?? 'canonical';
  const resultFormat = options.resultFormat ?? config.result_format;
  const clock = options.clock ?? systemClock;
  const tools = compileTools(config, { aliasMode, mode, resultFormat });
  assertContextsSupported(config, tools.capabilities);
  for (const capability of tools.capabilities) {
    if (!Object.hasOwn(options.sources, capability.source)) {
      throw new SynapsorError('SOURCE_ADAPTER_MISSING', `no source adapter for source ${capability.source}`);
    }
  }
  const listeners = new Set<(entry: CallLogEntry) => void>();
  const logger = (entry: CallLogEntry): void => {
    options.logger?.(entry);
    for (const listener of listeners) listener(entry);
  };
  const deps: CallToolDeps = {
    config,
    env,
    sources: options.sources,
    store,
    clock,
    random: options.random ?? systemRandom,
    mode,
    tools,
    resultFormat,
    logger,
  };
  const readResource = createResourceReader({ config, env, store, clock });
  const missing = Object.freeze(missingEnvNames(config, tools.capabilities, env));
  let closing: Promise<void> | null = null;

  return {
    mode,
    aliasMode,
    resultFormat,
    listTools: () => tools.descriptors,
    callTool: (name, args) => callTool(deps, name, args),
    readResource,
    listResourceTemplates: () => RESOURCE_TEMPLATES,
    missingEnv: () => [...missing],
    onCallLog(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    expireDue: () => store.expireDue(isoNow(clock)),
    close() {
      // Idempotent: several transports may share and close one runtime.
      closing ??= (async () => {
        const adapters = [...new Set(Object.values(options.sources))];
        await Promise.allSettled(adapters.map((adapter) => adapter.close()));
        await store.close();
      })();
      return closing;
    },
  };
}
