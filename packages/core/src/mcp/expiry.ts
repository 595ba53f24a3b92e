import type { Runtime } from '../runtime/types.js';
import type { McpLogger } from './call-logger.js';

export const EXPIRY_INTERVAL_MS = 60_000;

/**
 * While a transport serves: expire due proposals now and every 60 s (runtime.expireDue).
 * Failures are logged by name only and never stop serving. Returns the stop function.
 */
export function scheduleExpiry(runtime: Runtime, logger: Pick<McpLogger, 'error'>, intervalMs = EXPIRY_INTERVAL_MS): () => void {
  const run = (): void => {
    runtime.expireDue().catch((error: unknown) => {
      logger.error({ event: 'expire_due_failed', error: (error as Error)?.name ?? 'unknown' });
    });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
