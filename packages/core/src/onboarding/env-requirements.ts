import type { ContextConfig, RunnerConfig } from '../config/index.js';
import { executorTypeOf, isProposalCapability } from '../config/index.js';

export type EnvPurpose = 'read_url' | 'write_url' | 'tenant' | 'principal' | 'handler_url' | 'handler_token' | 'handler_signing_secret' | 'handler_command' | 'tls_ca';

export interface EnvRequirement {
  name: string;
  purpose: EnvPurpose;
  /** Where it is referenced (`sources.app_postgres`, `trusted_context`, `executors.billing_api`). */
  owner: string;
  /** Whether `init`'s example should carry a placeholder; optional names are still listed. */
  secret: boolean;
}

function contextEnv(owner: string, context: ContextConfig): EnvRequirement[] {
  const values = context.values as Record<string, unknown>;
  const found: EnvRequirement[] = [];
  if (typeof values.tenant_id_env === 'string') found.push({ name: values.tenant_id_env, purpose: 'tenant', owner, secret: false });
  if (typeof values.principal_env === 'string') found.push({ name: values.principal_env, purpose: 'principal', owner, secret: false });
  return found;
}

/** Does any proposal capability write this source through the built-in `sql_update`? */
function sqlUpdateUses(config: RunnerConfig, sourceId: string): boolean {
  return config.mode === 'review' && config.capabilities.some((c) => isProposalCapability(c) && c.source === sourceId && executorTypeOf(config, c) === 'sql_update');
}

/**
 * Every env var name the config needs, in a stable order, without looking at any value:
 * source URLs (the writer only where `sql_update` uses it), trusted-context names and handler
 * settings. Feeds `.env.example`, doctor and the `up` checklist.
 */
export function envRequirements(config: RunnerConfig): EnvRequirement[] {
  const found: EnvRequirement[] = [];
  for (const [id, source] of Object.entries(config.sources)) {
    const owner = `sources.${id}`;
    found.push({ name: source.read_url_env, purpose: 'read_url', owner, secret: true });
    if (source.write_url_env && sqlUpdateUses(config, id)) found.push({ name: source.write_url_env, purpose: 'write_url', owner, secret: true });
    if (source.ssl?.ca_env) found.push({ name: source.ssl.ca_env, purpose: 'tls_ca', owner, secret: false });
  }
  if (config.trusted_context) found.push(...contextEnv('trusted_context', config.trusted_context));
  for (const [name, context] of Object.entries(config.contexts ?? {})) found.push(...contextEnv(`contexts.${name}`, context));
  for (const [name, executor] of Object.entries(config.executors ?? {})) {
    const owner = `executors.${name}`;
    if (executor.type === 'http_handler') {
      found.push({ name: executor.url_env, purpose: 'handler_url', owner, secret: true });
      if (executor.auth) found.push({ name: executor.auth.token_env, purpose: 'handler_token', owner, secret: true });
      if (executor.signing_secret_env) found.push({ name: executor.signing_secret_env, purpose: 'handler_signing_secret', owner, secret: true });
    } else if (executor.type === 'command_handler') {
      found.push({ name: executor.command_env, purpose: 'handler_command', owner, secret: true });
    }
  }
  const seen = new Set<string>();
  return found.filter((entry) => (seen.has(entry.name) ? false : (seen.add(entry.name), true)));
}

/** `set` when the env map holds a non-empty value for the name. Values are never returned. */
export function envStatus(env: Readonly<Record<string, string | undefined>>, name: string): 'set' | 'missing' {
  return (env[name] ?? '') !== '' ? 'set' : 'missing';
}
