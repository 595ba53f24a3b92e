import { isSynapsorError } from '@synapsor/core';
import type { ExecutorType, ProposalCapabilityConfig, RunnerConfig } from '@synapsor/core';
import { splitCommandLine } from '../executors/argv.js';
import type { EnvMap } from '../executors/settings.js';
import { refuseWith } from './refusal.js';

export interface EnvCheckInput {
  config: RunnerConfig;
  capability: ProposalCapabilityConfig;
  executorName: string;
  executorType: ExecutorType;
  env: EnvMap;
  allowSharedCredential: boolean;
}

const isSet = (env: EnvMap, name: string | undefined): boolean => name !== undefined && (env[name] ?? '') !== '';

/** Check 12: the executor's env is present. Messages name env vars, never their values. */
export function checkExecutorEnv(input: EnvCheckInput): void {
  const { config, capability, env } = input;
  if (input.executorType === 'sql_update') {
    const source = config.sources[capability.source]!;
    if (source.read_only) refuseWith('READ_ONLY_SOURCE_DIRECT_WRITEBACK', 'The source is read-only for the runner');
    if (!isSet(env, source.write_url_env)) {
      refuseWith('WRITER_CREDENTIAL_MISSING', `Set ${source.write_url_env ?? 'sources.<name>.write_url_env'} for sql_update`);
    }
    if (!input.allowSharedCredential && env[source.write_url_env!] === env[source.read_url_env]) {
      refuseWith('SHARED_CREDENTIAL_REFUSED', `${source.write_url_env} equals ${source.read_url_env}; use a separate writer or --allow-shared-credential`);
    }
    return;
  }
  const executor = config.executors?.[input.executorName];
  if (executor?.type === 'http_handler') {
    if (!isSet(env, executor.url_env)) refuseWith('HANDLER_URL_MISSING', `Set ${executor.url_env}`);
    if (executor.auth && !isSet(env, executor.auth.token_env)) {
      refuseWith('HANDLER_TOKEN_MISSING', `Set ${executor.auth.token_env}`);
    }
    if (executor.signing_secret_env && !isSet(env, executor.signing_secret_env)) {
      refuseWith('HANDLER_SIGNING_SECRET_MISSING', `Set ${executor.signing_secret_env}`);
    }
    return;
  }
  if (executor?.type === 'command_handler') {
    if (!isSet(env, executor.command_env)) refuseWith('HANDLER_COMMAND_MISSING', `Set ${executor.command_env}`);
    try {
      splitCommandLine(env[executor.command_env]!);
    } catch (error) {
      refuseWith(isSynapsorError(error) ? error.code : 'HANDLER_COMMAND_INVALID', `${executor.command_env} cannot be split into a command`);
    }
  }
}
