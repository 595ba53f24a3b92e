/** Backoff after the n-th failed attempt (1-based): 1 s, 2 s, 4 s … capped at 60 s. */
export function webhookBackoffMs(failedAttempts: number): number {
  const exponent = Math.max(0, Math.floor(failedAttempts) - 1);
  return Math.min(1000 * 2 ** Math.min(exponent, 16), 60_000);
}

export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 8;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
export const MIN_WEBHOOK_TIMEOUT_MS = 250;

/** Outcome of one POST as the caller observed it; only a 2xx counts as delivered. */
export type WebhookAttempt = { ok: true; status: number } | { ok: false; reason: string };

export interface DeliverOneOptions {
  /** Sends one attempt (1-based attempt number); never throws for network trouble. */
  send: (attempt: number) => Promise<WebhookAttempt>;
  /** Waits between attempts; injected so the schedule is testable without real time. */
  sleep: (ms: number) => Promise<void>;
  maxAttempts: number;
  /** Progress for stderr (never contains the body or credentials). */
  onRetry?: (info: { attempt: number; reason: string; waitMs: number }) => void;
}

export type DeliverOneResult = { delivered: true; attempts: number; status: number } | { delivered: false; attempts: number; reason: string };

/**
 * At-least-once delivery of one event: retry with the backoff schedule until a 2xx or
 * `maxAttempts`. The caller advances the cursor only on `delivered: true`.
 */
export async function deliverWebhookEvent(options: DeliverOneOptions): Promise<DeliverOneResult> {
  let reason = 'not attempted';
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const outcome = await options.send(attempt);
    if (outcome.ok) return { delivered: true, attempts: attempt, status: outcome.status };
    reason = outcome.reason;
    if (attempt === options.maxAttempts) break;
    const waitMs = webhookBackoffMs(attempt);
    options.onRetry?.({ attempt, reason, waitMs });
    await options.sleep(waitMs);
  }
  return { delivered: false, attempts: options.maxAttempts, reason };
}
