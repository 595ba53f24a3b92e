import { createRuntime, type AliasMode, type ResultFormat, type Runtime } from '@synapsor/core';
import type { GlobalOptions } from './command.js';
import { loadConfig, type LoadedConfig } from './config-file.js';
import { loadEnv } from './env-file.js';
import { refusalsAsFailures } from './errors.js';
import type { CliIo } from './io.js';
import { closeSourceAdapters, createSourceAdapters, type EnvMap } from './sources.js';
import { openLedger } from './store.js';

export interface RuntimeOptions {
  envFile?: string;
  aliasMode?: AliasMode;
  resultFormat?: ResultFormat;
  readOnly?: boolean;
}

export interface WiredRuntime {
  runtime: Runtime;
  loaded: LoadedConfig;
  storePath: string;
  env: EnvMap;
}

/**
 * Config → adapters + ledger → runtime: the same wiring MCP serving, `smoke call` and `propose`
 * use, so a smoke call exercises exactly what a model would. `runtime.close()` closes the
 * adapters and the ledger.
 */
export async function wireRuntime(io: CliIo, globals: GlobalOptions, options: RuntimeOptions = {}): Promise<WiredRuntime> {
  const loaded = await loadConfig(io, globals.config);
  const env = await loadEnv(io.env, options.envFile);
  const { store, path } = await openLedger(io, globals, loaded);
  const sources = await createSourceAdapters(loaded.config, env);
  try {
    const runtime = await refusalsAsFailures(async () =>
      createRuntime({
        config: loaded.config,
        env,
        sources,
        store,
        ...(options.aliasMode ? { aliasMode: options.aliasMode } : {}),
        ...(options.resultFormat ? { resultFormat: options.resultFormat } : {}),
        ...(options.readOnly ? { readOnly: true } : {}),
      }),
    );
    return { runtime, loaded, storePath: path, env };
  } catch (error) {
    await closeSourceAdapters(sources);
    await store.close();
    throw error;
  }
}
