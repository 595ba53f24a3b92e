import type { CapabilityConfig, RunnerConfig } from '../config/index.js';
import { contextConfigFor, contextEnvNames, type EnvMap } from '../context/index.js';

/**
 * Env names the listed tools need at call time that are unset or blank: each source's read
 * URL and each trusted-context binding, in first-use order.
 */
export function missingEnvNames(config: RunnerConfig, capabilities: readonly CapabilityConfig[], env: EnvMap): string[] {
  const needed: string[] = [];
  for (const capability of capabilities) {
    const source = config.sources[capability.source];
    if (source !== undefined) needed.push(source.read_url_env);
    const context = contextConfigFor(config, capability);
    if (context !== undefined) needed.push(...contextEnvNames(context));
  }
  return [...new Set(needed)].filter((name) => !Object.hasOwn(env, name) || !env[name]?.trim());
}
