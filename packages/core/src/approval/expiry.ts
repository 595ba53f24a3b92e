import { SynapsorError } from '../errors/index.js';
import type { ProposalRecord } from '../records/index.js';
import { EXPIRABLE_STATES } from './transitions.js';

function instant(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new SynapsorError('LEDGER_INPUT_INVALID', 'Expiry check needs ISO 8601 timestamps');
  return value;
}

/** True once `now` has reached `expires_at` (no expiry → never). */
export function isPastExpiry(expiresAt: string | null, now: string): boolean {
  return expiresAt !== null && instant(now) >= instant(expiresAt);
}

/** A `pending_review` / `approved` proposal whose expiry has passed: it must become `expired`. */
export function isExpiryDue(proposal: Pick<ProposalRecord, 'state' | 'expires_at'>, now: string): boolean {
  return EXPIRABLE_STATES.includes(proposal.state) && isPastExpiry(proposal.expires_at, now);
}
