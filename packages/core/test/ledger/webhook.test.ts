import { describe, expect, it } from 'vitest';
import {
  buildWebhookPayload,
  deliverWebhookEvent,
  hmacSignature,
  parseWebhookUrl,
  sha256Hex,
  webhookBackoffMs,
  webhookCursorKey,
  webhookCursorSeq,
  webhookHeaders,
  type LedgerEvent,
  type WebhookAttempt,
} from '../../src/index.js';

const event: LedgerEvent = {
  seq: 42, event_id: 'evt_1', proposal_id: 'wrp_1', kind: 'writeback_applied', actor: 'local_runner',
  payload: { receipt_id: 'rct_1' }, created_at: '2026-06-20T14:31:08.123Z', prev_hash: 'sha256:a', hash: 'sha256:b', pruned: false,
};

describe('events webhook (pure parts)', () => {
  it('payload follows synapsor.local-event-webhook.v1 and leaves out `pruned`', () => {
    const payload = buildWebhookPayload(event, { storePath: './.synapsor/local.db', deliveredAt: '2026-06-20T14:40:00.000Z' });
    expect(payload).toEqual({
      schema_version: 'synapsor.local-event-webhook.v1',
      delivered_at: '2026-06-20T14:40:00.000Z',
      source: { kind: 'local_store', store_path: './.synapsor/local.db' },
      event: { seq: 42, event_id: 'evt_1', proposal_id: 'wrp_1', kind: 'writeback_applied', actor: 'local_runner', payload: { receipt_id: 'rct_1' }, created_at: '2026-06-20T14:31:08.123Z', prev_hash: 'sha256:a', hash: 'sha256:b' },
    });
  });

  it('headers: bearer and HMAC over the exact body only when configured', () => {
    const plain = webhookHeaders({ body: '{}', eventId: 'evt_1', version: '1.2.3' });
    expect(plain).toEqual({ 'Content-Type': 'application/json', 'User-Agent': 'synapsor-runner-events-webhook/1.2.3', 'X-Synapsor-Event-Id': 'evt_1' });
    const full = webhookHeaders({ body: '{"a":1}', eventId: 'evt_1', version: '1', bearerToken: 't0k', signingSecret: 's3c' });
    expect(full.Authorization).toBe('Bearer t0k');
    expect(full['X-Synapsor-Signature']).toBe(hmacSignature('{"a":1}', 's3c'));
  });

  it('cursor key is 16 hex of sha256(url); unusable stored values resume from 0', () => {
    expect(webhookCursorKey('https://x.test/h')).toBe(`webhook_cursor:${sha256Hex('https://x.test/h').slice(0, 16)}`);
    expect(webhookCursorSeq({ seq: 9, event_id: 'e', delivered_at: 'd' })).toBe(9);
    for (const bad of [null, 3, 'x', [], { seq: -1 }, { seq: 1.5 }]) expect(webhookCursorSeq(bad)).toBe(0);
  });

  it('backoff 1 s, 2 s, 4 s … capped at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map(webhookBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('retries until a 2xx, sleeping the schedule between attempts', async () => {
    const outcomes: WebhookAttempt[] = [{ ok: false, reason: 'HTTP 500' }, { ok: false, reason: 'timeout' }, { ok: true, status: 204 }];
    const slept: number[] = [];
    const result = await deliverWebhookEvent({ send: async () => outcomes.shift()!, sleep: async (ms) => void slept.push(ms), maxAttempts: 8 });
    expect(result).toEqual({ delivered: true, attempts: 3, status: 204 });
    expect(slept).toEqual([1000, 2000]);
  });

  it('gives up after maxAttempts without a final sleep', async () => {
    const slept: number[] = [];
    const result = await deliverWebhookEvent({ send: async () => ({ ok: false, reason: 'HTTP 502' }), sleep: async (ms) => void slept.push(ms), maxAttempts: 3 });
    expect(result).toEqual({ delivered: false, attempts: 3, reason: 'HTTP 502' });
    expect(slept).toEqual([1000, 2000]);
  });

  it('URL: http(s) only; display drops userinfo, query and fragment', () => {
    expect(parseWebhookUrl('https://u:p@h.test:8443/a/b?k=v#f').display).toBe('https://h.test:8443/a/b');
    for (const bad of ['ftp://h/x', 'not a url', 'file:///etc/passwd']) expect(() => parseWebhookUrl(bad)).toThrow(/webhook URL/);
  });
});
