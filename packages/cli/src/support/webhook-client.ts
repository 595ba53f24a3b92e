import {
  buildWebhookPayload,
  deliverWebhookEvent,
  webhookCursorKey,
  webhookCursorSeq,
  webhookCursorValue,
  webhookHeaders,
  type LedgerEvent,
  type LedgerFilter,
  type WebhookAttempt,
} from '@synapsor/core';
import type { SqliteLedgerStore } from '@synapsor/store-sqlite';
import type { CliIo } from './io.js';
import { pause } from './interrupt.js';

/** One POST with node fetch. Never throws and never reports the URL or driver text. */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WebhookAttempt> {
  try {
    // `manual`: a redirect is a failure, so signature and bearer never go to another host.
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    return response.status >= 200 && response.status < 300 ? { ok: true, status: response.status } : { ok: false, reason: `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection failed' };
  }
}

export interface WebhookRun {
  url: string;
  /** URL without userinfo and query: the only form that is printed. */
  display: string;
  storePath: string;
  version: string;
  filter: LedgerFilter;
  bearerToken?: string;
  signingSecret?: string;
  timeoutMs: number;
  sinceSeq?: number;
  follow: boolean;
  intervalMs: number;
  maxAttempts: number;
  dryRun: boolean;
  signal: AbortSignal;
}

export interface WebhookSummary {
  delivered: number;
  cursor_seq: number;
  failed: { seq: number; event_id: string; reason: string } | null;
}

/**
 * Delivers events in `seq` order, resuming after the stored cursor (or `--since-seq`). The
 * cursor advances only after a 2xx, so a failed run resumes at the same event next time.
 */
export async function runWebhook(store: SqliteLedgerStore, io: CliIo, run: WebhookRun): Promise<WebhookSummary> {
  const key = webhookCursorKey(run.url);
  let last = run.sinceSeq ?? webhookCursorSeq(await store.getState(key));
  let delivered = 0;
  io.stderr(`${run.dryRun ? 'dry run: would deliver' : 'delivering'} events after seq ${last} to ${run.display}\n`);
  const bodyOf = (event: LedgerEvent) =>
    JSON.stringify(buildWebhookPayload(event, { storePath: run.storePath, deliveredAt: new Date().toISOString() }));

  while (!run.signal.aborted) {
    const events = await store.listEvents({ ...run.filter, since_seq: last });
    for (const event of events) {
      if (run.signal.aborted) break;
      if (run.dryRun) {
        io.stdout(`${bodyOf(event)}\n`);
        last = event.seq;
        continue;
      }
      const result = await deliverWebhookEvent({
        maxAttempts: run.maxAttempts,
        sleep: async (ms) => void (await pause(ms, run.signal)),
        onRetry: ({ attempt, reason, waitMs }) => io.stderr(`seq ${event.seq}: attempt ${attempt} failed (${reason}); retrying in ${waitMs} ms\n`),
        send: async () => {
          if (run.signal.aborted) return { ok: false, reason: 'interrupted' };
          const body = bodyOf(event);
          const headers = webhookHeaders({ body, eventId: event.event_id, version: run.version, bearerToken: run.bearerToken, signingSecret: run.signingSecret });
          return postWebhook(run.url, body, headers, run.timeoutMs);
        },
      });
      if (!result.delivered) return { delivered, cursor_seq: last, failed: { seq: event.seq, event_id: event.event_id, reason: result.reason } };
      await store.setState(key, webhookCursorValue({ seq: event.seq, event_id: event.event_id, delivered_at: new Date().toISOString() }), new Date().toISOString());
      last = event.seq;
      delivered += 1;
    }
    if (events.length > 0) continue;
    if (!run.follow || !(await pause(run.intervalMs, run.signal))) break;
  }
  return { delivered, cursor_seq: last, failed: null };
}
