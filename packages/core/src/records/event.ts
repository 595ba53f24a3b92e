import type { JsonObject } from './common.js';

export type EventKind =
  | 'read_recorded'
  | 'proposal_created'
  | 'proposal_deduplicated'
  | 'proposal_approved'
  | 'proposal_rejected'
  | 'proposal_expired'
  | 'writeback_refused'
  | 'writeback_dry_run'
  | 'writeback_started'
  | 'writeback_applied'
  | 'writeback_already_applied'
  | 'writeback_conflict'
  | 'writeback_failed'
  | 'store_pruned';

/** An event as the caller hands it to the store; the store assigns seq and the chain hashes. */
export interface NewEvent {
  event_id: string;
  proposal_id: string | null;
  kind: EventKind;
  actor: string;
  payload: JsonObject;
  created_at: string;
}

/** An event as stored: append-only and hash-chained (ledger.md). Pruned events are tombstones. */
export interface LedgerEvent {
  seq: number;
  event_id: string;
  proposal_id: string | null;
  kind: EventKind;
  actor: string | null;
  payload: JsonObject | null;
  created_at: string;
  prev_hash: string;
  hash: string;
  pruned: boolean;
}
