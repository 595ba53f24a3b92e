import type { EventKind, LedgerEvent, NewEvent } from '../../records/index.js';
import { chainEvent } from '../chain.js';
import type { LedgerTx } from '../tx.js';
import { assertEventKind, scanForSecrets } from '../validate.js';

/** Reads the head and inserts inside the caller's write transaction, so the chain cannot fork. */
export function appendChained(tx: LedgerTx, event: NewEvent): LedgerEvent {
  const stored = chainEvent(event, tx.head());
  tx.insertEvent(stored);
  return stored;
}

/**
 * Kinds callers may append directly. Every other kind is written by the operation that makes
 * its state change, so no one can record `proposal_approved` without an approval.
 */
export const FREE_EVENT_KINDS: readonly EventKind[] = ['writeback_refused', 'writeback_dry_run'];

export function appendEventOp(tx: LedgerTx, event: NewEvent): LedgerEvent {
  assertEventKind(event, FREE_EVENT_KINDS);
  scanForSecrets({ event });
  return appendChained(tx, event);
}
