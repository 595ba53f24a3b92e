import type { Engine } from '../records/index.js';

/** Env names and names `init` writes by default (cli.md "Environment variables", init table). */
export const INIT_DEFAULTS = {
  read_url_env: 'SYNAPSOR_DATABASE_READ_URL',
  write_url_env: 'SYNAPSOR_DATABASE_WRITE_URL',
  tenant_env: 'SYNAPSOR_TENANT_ID',
  principal_env: 'SYNAPSOR_PRINCIPAL',
  approval_role: 'local_reviewer',
  mode: 'shadow',
  executor_name: 'app_writeback',
  handler_url_env: 'SYNAPSOR_APP_WRITEBACK_URL',
  handler_token_env: 'SYNAPSOR_APP_WRITEBACK_TOKEN',
  handler_signing_secret_env: 'SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET',
  handler_command_env: 'SYNAPSOR_APP_WRITEBACK_COMMAND',
  config_file: 'synapsor.runner.json',
  schema_file: '.synapsor/synapsor.runner.schema.json',
  store_file: '.synapsor/local.db',
  env_file: '.synapsor/runner.env',
  /** Arg bounds the reference app uses for ids and free text. */
  id_max_length: 128,
  text_max_length: 500,
} as const;

export function defaultSourceName(engine: Engine): string {
  return engine === 'postgres' ? 'app_postgres' : 'app_mysql';
}

/** `$schema` written into generated configs, relative to the config file. */
export const GENERATED_SCHEMA_REF = `./${INIT_DEFAULTS.schema_file}`;
