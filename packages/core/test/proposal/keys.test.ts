import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SynapsorError } from '../../src/errors/index.js';
import { assertChangeSetInvariants, idempotencyKeyOf } from '../../src/proposal/index.js';
import type { ChangeSet } from '../../src/records/index.js';
import { harness } from '../runtime/support/harness.js';

describe('idempotency key', () => {
  const pid = 'wrp_5f0c2a9e71d4b3c8a6e1f207';

  it('is <proposal_id>:<object_id> up to 255 chars', () => {
    expect(idempotencyKeyOf(pid, 'INV-3001')).toBe(`${pid}:INV-3001`);
    const fits = 'x'.repeat(255 - pid.length - 1);
    expect(idempotencyKeyOf(pid, fits)).toHaveLength(255);
  });

  it('hashes long object ids', () => {
    const long = 'y'.repeat(255 - pid.length);
    const hex = createHash('sha256').update(long).digest('hex').slice(0, 32);
    expect(idempotencyKeyOf(pid, long)).toBe(`${pid}:h${hex}`);
  });
});

describe('change set invariants', () => {
  async function storedChangeSet(): Promise<ChangeSet> {
    const h = harness();
    const envelope = await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'r' });
    return (await h.store.getProposal(envelope.proposal!.id))!.change_set;
  }

  const codeOf = (cs: ChangeSet): string => {
    try {
      assertChangeSetInvariants(cs);
      return 'OK';
    } catch (error) {
      return error instanceof SynapsorError ? error.code : 'OTHER';
    }
  };

  it('accepts a built change set and refuses tampered ones', async () => {
    const cs = await storedChangeSet();
    expect(codeOf(cs)).toBe('OK');
    expect(codeOf({ ...cs, patch: {} })).toBe('CHANGE_SET_INVARIANT');
    expect(codeOf({ ...cs, patch: { ...cs.patch, balance_cents: 0 } })).toBe('CHANGE_SET_INVARIANT');
    expect(codeOf({ ...cs, guards: { ...cs.guards, allowed_columns: [...cs.guards.allowed_columns, 'tenant_id'] } })).toBe('CHANGE_SET_INVARIANT');
    expect(codeOf({ ...cs, guards: { ...cs.guards, allowed_columns: [...cs.guards.allowed_columns, 'updated_at'] } })).toBe('CHANGE_SET_INVARIANT');
    expect(codeOf({ ...cs, source: { ...cs.source, table: 'invoices; drop' } })).toBe('UNSAFE_IDENTIFIER');
  });
});
