import { EMPTY_CHAIN_HASH, hashCanonical } from '../hashing/index.js';
import type { LedgerEvent, NewEvent } from '../records/index.js';

/** `prev_hash` of `seq` 1: `sha256:` + sha256 of the empty string. */
export const GENESIS_HASH = EMPTY_CHAIN_HASH;

export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

type HashedFields = Pick<LedgerEvent, 'seq' | 'event_id' | 'proposal_id' | 'kind' | 'actor' | 'payload' | 'created_at' | 'prev_hash'>;

/** Just the fields `hash` covers, in ledger.md order; the webhook sends the same set plus `hash`. */
export function hashedFields(event: HashedFields): HashedFields {
  const { seq, event_id, proposal_id, kind, actor, payload, created_at, prev_hash } = event;
  return { seq, event_id, proposal_id, kind, actor, payload, created_at, prev_hash };
}

/** ledger.md: `hash` over JCS `{seq, event_id, proposal_id, kind, actor, payload, created_at, prev_hash}`. */
export function eventHash(event: HashedFields): string {
  return hashCanonical(hashedFields(event));
}

/** The stored form of `event` appended after `head`. */
export function chainEvent(event: NewEvent, head: ChainHead): LedgerEvent {
  const fields = hashedFields({ ...event, seq: head.seq + 1, prev_hash: head.hash });
  return { ...fields, hash: eventHash(fields), pruned: false };
}

/** Pruning keeps seq, kind, created_at and both hashes so the chain still links. */
export function tombstoneOf(event: LedgerEvent): LedgerEvent {
  return { ...event, proposal_id: null, actor: null, payload: null, pruned: true };
}

export interface ChainReport {
  events: number;
  tombstones: number;
  head: ChainHead;
  first_break: { seq: number; reason: string } | null;
}

/**
 * Streaming chain check: feed events in ascending `seq`. Each `prev_hash` must equal the
 * previous `hash`; each non-pruned event must re-hash to its `hash` (tombstones cannot).
 */
export class ChainVerifier {
  private previous: ChainHead = EMPTY_HEAD;
  private count = 0;
  private tombstones = 0;
  private firstBreak: ChainReport['first_break'] = null;

  push(event: LedgerEvent): void {
    this.count += 1;
    if (event.pruned) this.tombstones += 1;
    if (this.firstBreak === null) this.firstBreak = this.check(event);
    this.previous = { seq: event.seq, hash: event.hash };
  }

  private check(event: LedgerEvent): ChainReport['first_break'] {
    if (event.seq !== this.previous.seq + 1) {
      return { seq: event.seq, reason: `sequence gap after ${this.previous.seq}` };
    }
    if (event.prev_hash !== this.previous.hash) return { seq: event.seq, reason: 'prev_hash does not link' };
    if (!event.pruned && eventHash(event) !== event.hash) return { seq: event.seq, reason: 'hash mismatch' };
    return null;
  }

  report(): ChainReport {
    return { events: this.count, tombstones: this.tombstones, head: this.previous, first_break: this.firstBreak };
  }
}

/** Checks one event against its predecessor (replay's local chain check). */
export function linksTo(event: LedgerEvent, previous: LedgerEvent | null): boolean {
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  const rehashes = event.pruned || eventHash(event) === event.hash;
  return rehashes && event.prev_hash === expectedPrev;
}
