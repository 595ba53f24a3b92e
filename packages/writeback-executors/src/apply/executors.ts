import type { ExecutorType, RunnerConfig, SourceAdapter, WritebackExecutor } from '@synapsor/core';
import { createCommandHandlerExecutor } from '../executors/command-handler.js';
import { createHttpHandlerExecutor } from '../executors/http-handler.js';
import type { EnvMap } from '../executors/settings.js';
import { createSqlUpdateExecutor } from '../executors/sql-update.js';
import { refuseWith } from './refusal.js';

export interface ResolveInput {
  config: RunnerConfig;
  sourceId: string;
  executorName: string;
  executorType: ExecutorType;
  env: EnvMap;
  sources: Readonly<Record<string, SourceAdapter>>;
  executors: Readonly<Record<string, WritebackExecutor>>;
}

/** The executor for this job: an injected one by name, else built from the reviewed config. */
export function resolveExecutor(input: ResolveInput): WritebackExecutor {
  const { config, executorName, executorType, env } = input;
  const injected = Object.hasOwn(input.executors, executorName) ? input.executors[executorName] : undefined;
  if (injected) {
    if (injected.type !== executorType) refuseWith('EXECUTOR_UNAVAILABLE', `Executor ${executorName} is not a ${executorType}`);
    return injected;
  }
  if (executorType === 'sql_update') {
    const adapter = Object.hasOwn(input.sources, input.sourceId) ? input.sources[input.sourceId] : undefined;
    if (!adapter) refuseWith('EXECUTOR_UNAVAILABLE', `No adapter is wired for source ${input.sourceId}`);
    return createSqlUpdateExecutor(adapter, executorName);
  }
  const settings = config.executors?.[executorName];
  if (settings?.type === 'http_handler') return createHttpHandlerExecutor({ ...settings, name: executorName }, env);
  if (settings?.type === 'command_handler') return createCommandHandlerExecutor({ ...settings, name: executorName }, env);
  return refuseWith('EXECUTOR_UNAVAILABLE', `Executor ${executorName} is not configured`);
}
