import { describe, expect, it } from 'vitest';
import { ALLOWED_TRANSITIONS, EMPTY_CHAIN_HASH, GENESIS_HASH, assertTransition, canTransition, isExpiryDue, isFinalState, type ProposalState } from '@synapsor/core';

// read-and-proposal.md "States", transcribed independently of the implementation's table.
const SPEC: Record<ProposalState, ProposalState[]> = {
  pending_review: ['approved', 'rejected', 'expired'],
  shadow: [],
  approved: ['pending_worker', 'rejected', 'expired'],
  rejected: [],
  expired: [],
  pending_worker: ['applied', 'conflict', 'failed', 'pending_worker'],
  applied: [],
  conflict: [],
  failed: ['pending_worker'],
};
const STATES = Object.keys(SPEC) as ProposalState[];
const PAIRS = STATES.flatMap((from) => STATES.map((to) => [from, to, SPEC[from].includes(to)] as const));

describe('proposal state machine', () => {
  it('covers exactly the spec states', () => {
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...STATES].sort());
  });

  it.each(PAIRS)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(expect.objectContaining({ code: 'PROPOSAL_STATE_INVALID' }));
  });

  it('final states are the ones with no way out', () => {
    expect(STATES.filter(isFinalState).sort()).toEqual(['applied', 'conflict', 'expired', 'rejected', 'shadow']);
  });

  it('expiry is due from expires_at on, for pending_review and approved only', () => {
    const at = '2026-06-20T14:00:00.000Z';
    expect(isExpiryDue({ state: 'pending_review', expires_at: at }, '2026-06-20T13:59:59.999Z')).toBe(false);
    expect(isExpiryDue({ state: 'pending_review', expires_at: at }, at)).toBe(true);
    expect(isExpiryDue({ state: 'approved', expires_at: at }, '2026-06-21T00:00:00.000Z')).toBe(true);
    expect(isExpiryDue({ state: 'failed', expires_at: at }, '2026-06-21T00:00:00.000Z')).toBe(false);
    expect(isExpiryDue({ state: 'pending_review', expires_at: null }, '2099-01-01T00:00:00.000Z')).toBe(false);
  });

  it('the chain starts at sha256 of the empty string', () => {
    expect(GENESIS_HASH).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(GENESIS_HASH).toBe(EMPTY_CHAIN_HASH);
  });
});
