import type { RunnerConfig } from '@synapsor/core';
import type { EnvMap } from '../support/sources.js';

/** Seconds an OPTIONS probe may take before the handler counts as unreachable. */
const PROBE_TIMEOUT_MS = 3000;

/**
 * `doctor --check-handlers`: one HTTP `OPTIONS` per http_handler executor (any answer counts;
 * never a job). The URL comes from its env var and is never printed.
 */
export async function probeHandlers(config: RunnerConfig, env: EnvMap): Promise<Record<string, 'answered' | 'no_answer' | 'url_missing'>> {
  const results: Record<string, 'answered' | 'no_answer' | 'url_missing'> = {};
  for (const [name, executor] of Object.entries(config.executors ?? {})) {
    if (executor.type !== 'http_handler') continue;
    const url = env[executor.url_env];
    if (!url) {
      results[name] = 'url_missing';
      continue;
    }
    try {
      await fetch(url, { method: 'OPTIONS', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      results[name] = 'answered';
    } catch {
      results[name] = 'no_answer';
    }
  }
  return results;
}
