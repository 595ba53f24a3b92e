import type { RunnerConfig } from '../config/index.js';
import type { Check } from '../ports/index.js';
import { failCheck, passCheck, skipCheck, warnCheck } from './check-builders.js';
import { envRequirements, envStatus, type EnvPurpose, type EnvRequirement } from './env-requirements.js';

type Env = Readonly<Record<string, string | undefined>>;

const ENV_FILE_FIX = 'export it, or put it in a 0600 env file passed with --env-file (see .env.example)';

function presenceCheck(id: string, env: Env, list: EnvRequirement[], what: string): Check {
  if (list.length === 0) return skipCheck(id, `no ${what} configured`);
  const missing = list.filter((entry) => envStatus(env, entry.name) === 'missing');
  if (missing.length > 0) {
    return failCheck(id, `${what} env missing: ${missing.map((entry) => `${entry.name} (${entry.owner})`).join(', ')}`, `set ${missing.map((entry) => entry.name).join(', ')}: ${ENV_FILE_FIX}`);
  }
  return passCheck(id, `${what} env set: ${list.map((entry) => entry.name).join(', ')}`);
}

function byPurpose(config: RunnerConfig, ...purposes: EnvPurpose[]): EnvRequirement[] {
  return envRequirements(config).filter((entry) => purposes.includes(entry.purpose));
}

function credentialSplit(config: RunnerConfig, env: Env, allowShared: boolean): Check {
  const pairs = byPurpose(config, 'write_url').map((write) => ({ write, source: config.sources[write.owner.replace(/^sources\./, '')]! }));
  if (pairs.length === 0) return skipCheck('credential_split', 'no writer URL configured');
  // Values are compared, never shown.
  const shared = pairs.filter(({ write, source }) => {
    const read = env[source.read_url_env];
    return source.read_url_env === write.name || (read !== undefined && read !== '' && read === env[write.name]);
  });
  if (shared.length === 0) return passCheck('credential_split', 'reader and writer use different credentials');
  const names = shared.map(({ write }) => write.owner).join(', ');
  if (allowShared) return warnCheck('credential_split', `reader and writer share one credential (${names}); allowed by --allow-shared-credential`, 'use a read-only role for the read URL');
  return failCheck('credential_split', `reader and writer share one credential (${names})`, 'use a read-only role for the read URL and a writer role with column UPDATE only, or pass --allow-shared-credential for local development');
}

function handlerSigning(config: RunnerConfig): Check {
  const http = Object.entries(config.executors ?? {}).filter(([, executor]) => executor.type === 'http_handler');
  if (http.length === 0) return skipCheck('handler_signing', 'no http_handler executor');
  const unsigned = http.filter(([, executor]) => executor.type === 'http_handler' && !executor.signing_secret_env).map(([name]) => name);
  return unsigned.length === 0
    ? passCheck('handler_signing', 'every http_handler signs its requests')
    : warnCheck('handler_signing', `requests are not signed: ${unsigned.join(', ')}`, 'set signing_secret_env so the handler can verify the HMAC signature');
}

/** The writeback env checks shared by `doctor` and `writeback doctor`. */
function writebackEnvChecks(config: RunnerConfig, env: Env, allowSharedCredential: boolean): Check[] {
  return [
    config.mode === 'review' ? presenceCheck('write_url_env', env, byPurpose(config, 'write_url'), 'write URL') : skipCheck('write_url_env', `mode ${config.mode} never writes`),
    credentialSplit(config, env, allowSharedCredential),
    presenceCheck('executor_env', env, byPurpose(config, 'handler_url', 'handler_token', 'handler_signing_secret', 'handler_command'), 'handler executor'),
    handlerSigning(config),
  ];
}

/**
 * The env-only doctor checks (no I/O): trusted context, read/write URLs, credential split,
 * executor env and handler signing. Env values are checked for presence or compared; never shown.
 */
export function envDoctorChecks(config: RunnerConfig, env: Env, options: { allowSharedCredential: boolean }): Check[] {
  return [
    presenceCheck('trusted_context_env', env, byPurpose(config, 'tenant', 'principal'), 'trusted context'),
    presenceCheck('read_url_env', env, byPurpose(config, 'read_url'), 'read URL'),
    ...writebackEnvChecks(config, env, options.allowSharedCredential),
  ];
}

/**
 * `writeback doctor` (cli.md: the writeback-only subset of doctor): whether the mode writes at
 * all, then the same writer URL, credential split, executor env and signing checks as `doctor`.
 */
export function writebackDoctorChecks(config: RunnerConfig, env: Env, options: { allowSharedCredential: boolean }): Check[] {
  const mode =
    config.mode === 'review'
      ? passCheck('mode', 'mode review: approved proposals can be applied')
      : skipCheck('mode', `mode ${config.mode}: nothing is written back; set "mode": "review" to enable writeback`);
  return [mode, ...writebackEnvChecks(config, env, options.allowSharedCredential)];
}
