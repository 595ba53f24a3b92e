import { hmacSignature } from '../../hashing/index.js';
import type { JsonObject, LedgerEvent } from '../../records/index.js';
import { hashedFields } from '../chain.js';

export const WEBHOOK_SCHEMA_VERSION = 'synapsor.local-event-webhook.v1';

/** One POST body of `events webhook` (ledger.md "Events tail and webhook"). */
export interface WebhookPayload {
  schema_version: typeof WEBHOOK_SCHEMA_VERSION;
  delivered_at: string;
  source: { kind: 'local_store'; store_path: string };
  event: {
    seq: number;
    event_id: string;
    proposal_id: string | null;
    kind: string;
    actor: string | null;
    payload: JsonObject | null;
    created_at: string;
    prev_hash: string;
    hash: string;
  };
}

export function buildWebhookPayload(event: LedgerEvent, options: { storePath: string; deliveredAt: string }): WebhookPayload {
  return {
    schema_version: WEBHOOK_SCHEMA_VERSION,
    delivered_at: options.deliveredAt,
    source: { kind: 'local_store', store_path: options.storePath },
    event: { ...hashedFields(event), hash: event.hash },
  };
}

export interface WebhookHeaderOptions {
  /** The exact body that is sent: the signature covers these bytes. */
  body: string;
  eventId: string;
  /** Runner version for the User-Agent. */
  version: string;
  /** Value (not name) of `--auth-token-env`, resolved by the caller. */
  bearerToken?: string;
  /** Value of `--signing-secret-env`, resolved by the caller. */
  signingSecret?: string;
}

export function webhookHeaders(options: WebhookHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': `synapsor-runner-events-webhook/${options.version}`,
    'X-Synapsor-Event-Id': options.eventId,
  };
  if (options.bearerToken !== undefined) headers.Authorization = `Bearer ${options.bearerToken}`;
  if (options.signingSecret !== undefined) headers['X-Synapsor-Signature'] = hmacSignature(options.body, options.signingSecret);
  return headers;
}
