import type { CapabilityConfig, ContextConfig, RunnerConfig } from '../config/index.js';
import { SynapsorError } from '../errors/index.js';
import type { TrustedContext } from '../records/index.js';

/** The env map handed to the runtime by the composition root (core never reads process.env). */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/** Longest trusted value accepted (read-and-proposal.md). */
export const MAX_CONTEXT_VALUE_LENGTH = 256;

/** The capability's named context, else `trusted_context`; `undefined` when neither exists. */
export function contextConfigFor(config: RunnerConfig, capability: CapabilityConfig): ContextConfig | undefined {
  if (capability.context !== undefined) {
    const contexts = config.contexts ?? {};
    return Object.hasOwn(contexts, capability.context) ? contexts[capability.context] : undefined;
  }
  return config.trusted_context;
}

function envValue(env: EnvMap, name: string | undefined): string | undefined {
  if (name === undefined || !Object.hasOwn(env, name)) return undefined;
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function checked(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') {
    throw new SynapsorError('TRUSTED_BINDING_MISSING', 'The trusted context for this tool is not available right now.', {
      binding: what,
    });
  }
  const trimmed = value.trim();
  if (trimmed.length > MAX_CONTEXT_VALUE_LENGTH) {
    // A misconfigured binding, not a transient gap: fail closed as an internal error.
    throw new SynapsorError('TRUSTED_BINDING_INVALID', 'The trusted context value is too long.', { binding: what });
  }
  return trimmed;
}

/**
 * Pipeline step 6: `{tenant_id, principal, provenance}` from the trusted side only.
 * `environment` needs both env vars; `static_dev` prefers the env var and falls back to the literal.
 */
export function resolveTrustedContext(config: RunnerConfig, capability: CapabilityConfig, env: EnvMap): TrustedContext {
  const context = contextConfigFor(config, capability);
  if (context === undefined) {
    throw new SynapsorError('TRUSTED_CONTEXT_MISSING', 'No trusted context is configured for this tool.');
  }
  switch (context.provider) {
    case 'environment':
      return {
        tenant_id: checked(envValue(env, context.values.tenant_id_env), 'tenant_id'),
        principal: checked(envValue(env, context.values.principal_env), 'principal'),
        provenance: 'environment',
      };
    case 'static_dev':
      return {
        tenant_id: checked(envValue(env, context.values.tenant_id_env) ?? context.values.tenant_id, 'tenant_id'),
        principal: checked(envValue(env, context.values.principal_env) ?? context.values.principal, 'principal'),
        provenance: 'static_dev',
      };
    default:
      // http_claims is refused at runtime creation; reaching it here means a wiring bug.
      throw new SynapsorError('TRUSTED_CONTEXT_UNSUPPORTED', 'This trusted context provider is not supported yet.');
  }
}

/** Env names a context needs at call time (literal fallbacks of static_dev make the env optional). */
export function contextEnvNames(context: ContextConfig): string[] {
  if (context.provider === 'environment') return [context.values.tenant_id_env, context.values.principal_env];
  if (context.provider === 'static_dev') {
    const names: string[] = [];
    if (context.values.tenant_id === undefined && context.values.tenant_id_env) names.push(context.values.tenant_id_env);
    if (context.values.principal === undefined && context.values.principal_env) names.push(context.values.principal_env);
    return names;
  }
  return [];
}

/** Refuses to start when a listed tool would use `http_claims` (mcp.md). */
export function assertContextsSupported(config: RunnerConfig, capabilities: readonly CapabilityConfig[]): void {
  for (const capability of capabilities) {
    if (contextConfigFor(config, capability)?.provider === 'http_claims') {
      throw new SynapsorError(
        'TRUSTED_CONTEXT_UNSUPPORTED',
        `capability ${capability.name} uses the http_claims context provider, which is not supported yet`,
      );
    }
  }
}
