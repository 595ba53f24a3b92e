/**
 * The executor fields of config.md this package reads. Structural on purpose: the validated
 * `ExecutorConfig` from `@synapsor/core` satisfies it, and tests can pass literals.
 */
export interface HttpHandlerSettings {
  type: 'http_handler';
  url_env: string;
  method?: 'POST' | 'PUT' | 'PATCH';
  auth?: { type: 'bearer_env'; token_env: string };
  signing_secret_env?: string;
  timeout_ms?: number;
}

export interface CommandHandlerSettings {
  type: 'command_handler';
  command_env: string;
  pass_env?: string[];
  timeout_ms?: number;
}

export type HandlerSettings = HttpHandlerSettings | CommandHandlerSettings;

export const DEFAULT_HANDLER_TIMEOUT_MS = 5000;
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Sent as `User-Agent: synapsor-runner/<version>`. */
export const RUNNER_VERSION = '0.1.0';

export type EnvMap = Readonly<Record<string, string | undefined>>;
