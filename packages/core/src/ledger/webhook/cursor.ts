import { SynapsorError } from '../../errors/index.js';
import { sha256Hex } from '../../hashing/index.js';
import type { JsonValue } from '../../records/index.js';

/** `runner_state` key of one receiver: `webhook_cursor:` + 16 hex of sha256(url). */
export function webhookCursorKey(url: string): string {
  return `webhook_cursor:${sha256Hex(url).slice(0, 16)}`;
}

/** Stored after each 2xx: the last delivered event. */
export interface WebhookCursor {
  seq: number;
  event_id: string;
  delivered_at: string;
}

export function webhookCursorValue(cursor: WebhookCursor): JsonValue {
  return { seq: cursor.seq, event_id: cursor.event_id, delivered_at: cursor.delivered_at };
}

/** The seq to resume after; 0 when nothing was delivered yet (or the stored value is unusable). */
export function webhookCursorSeq(stored: JsonValue | null): number {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return 0;
  const seq = stored.seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0;
}

/**
 * A receiver URL: http or https only. `display` drops userinfo, query and fragment, which may
 * hold credentials, so it is the only form ever printed.
 */
export function parseWebhookUrl(raw: string): { url: string; display: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new SynapsorError('WEBHOOK_URL_INVALID', 'The webhook URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SynapsorError('WEBHOOK_URL_INVALID', 'The webhook URL must use http or https');
  }
  const display = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return { url: parsed.toString(), display };
}
