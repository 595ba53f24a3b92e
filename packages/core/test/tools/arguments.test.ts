import { describe, expect, it } from 'vitest';
import type { CapabilityConfig } from '../../src/config/index.js';
import { SynapsorError } from '../../src/errors/index.js';
import { RESERVED_ARG_NAMES } from '../../src/guards/index.js';
import { validateArguments } from '../../src/tools/index.js';
import { harness } from '../runtime/support/harness.js';
import { validated } from '../runtime/support/fixtures.js';

const config = validated({
  version: 1,
  mode: 'review',
  sources: { db: { engine: 'postgres', read_url_env: 'DB_URL' } },
  trusted_context: { provider: 'static_dev', values: { tenant_id: 't1', principal: 'p1' } },
  capabilities: [
    {
      name: 'demo.inspect_thing',
      kind: 'read',
      source: 'db',
      target: { schema: 'public', table: 'things', primary_key: 'id', tenant_key: 'tenant_id' },
      args: {
        thing_id: { type: 'string', max_length: 5 },
        note: { type: 'string', required: false },
        count: { type: 'number', required: false, minimum: 1, maximum: 10 },
        color: { type: 'string', required: false, enum: ['red', 'blue'], max_length: 10 },
        flag: { type: 'boolean', required: false },
      },
      lookup: { id_from_arg: 'thing_id' },
      visible_columns: ['id'],
    },
  ],
});
const capability = config.capabilities[0] as CapabilityConfig;

function codeOf(args: unknown): string {
  try {
    validateArguments(capability, args);
    return 'OK';
  } catch (error) {
    return error instanceof SynapsorError ? error.code : 'NOT_A_SYNAPSOR_ERROR';
  }
}

describe('argument validation', () => {
  it.each([
    ['absent required', {}, 'ARGUMENT_REQUIRED'],
    ['null required', { thing_id: null }, 'ARGUMENT_REQUIRED'],
    ['blank required', { thing_id: ' \t ' }, 'ARGUMENT_REQUIRED'],
    ['number for string', { thing_id: 1 }, 'ARGUMENT_TYPE_INVALID'],
    ['string for number', { thing_id: 'a', count: '3' }, 'ARGUMENT_TYPE_INVALID'],
    ['infinite number', { thing_id: 'a', count: Infinity }, 'ARGUMENT_TYPE_INVALID'],
    ['NaN', { thing_id: 'a', count: Number.NaN }, 'ARGUMENT_TYPE_INVALID'],
    ['string for boolean', { thing_id: 'a', flag: 'true' }, 'ARGUMENT_TYPE_INVALID'],
    ['NUL in string', { thing_id: 'a\u0000b' }, 'ARGUMENT_TYPE_INVALID'],
    ['lone high surrogate', { thing_id: 'a\uD800' }, 'ARGUMENT_TYPE_INVALID'],
    ['lone low surrogate', { thing_id: '\uDC00a' }, 'ARGUMENT_TYPE_INVALID'],
    ['too long', { thing_id: 'abcdef' }, 'ARGUMENT_TOO_LONG'],
    ['below minimum', { thing_id: 'a', count: 0 }, 'ARGUMENT_BELOW_MINIMUM'],
    ['above maximum', { thing_id: 'a', count: 11 }, 'ARGUMENT_ABOVE_MAXIMUM'],
    ['not in enum', { thing_id: 'a', color: 'green' }, 'ARGUMENT_NOT_ALLOWED'],
    ['undeclared', { thing_id: 'a', extra: 1 }, 'ARGUMENT_UNKNOWN'],
    ['proto key', JSON.parse('{"thing_id":"a","__proto__":{"x":1}}'), 'ARGUMENT_UNKNOWN'],
    ['reserved', { thing_id: 'a', tenant_id: 't2' }, 'MODEL_CANNOT_OVERRIDE_BINDING'],
    ['reserved variant spelling', { thing_id: 'a', 'Tenant-ID': 't2' }, 'MODEL_CANNOT_OVERRIDE_BINDING'],
    ['array instead of object', ['a'], 'ARGUMENT_TYPE_INVALID'],
    ['null instead of object', null, 'ARGUMENT_TYPE_INVALID'],
    ['string instead of object', 'a', 'ARGUMENT_TYPE_INVALID'],
  ])('%s → %s', (_label, args, expected) => {
    expect(codeOf(args)).toBe(expected);
  });

  it('checks reserved names before unknown names', () => {
    expect(codeOf({ extra: 1, schema: 'x' })).toBe('MODEL_CANNOT_OVERRIDE_BINDING');
  });

  it('accepts valid arguments, NFC-normalises strings and counts code points', () => {
    const decomposed = 'e\u0301'; // é as e + combining accent: one code point after NFC
    const result = validateArguments(capability, { thing_id: `${decomposed}😀😀😀😀`, count: 10, flag: false, color: 'red' });
    expect(result).toEqual({ thing_id: '\u00e9😀😀😀😀', count: 10, flag: false, color: 'red' });
  });

  it('treats absent and null optional arguments as absent, and accepts an empty optional string', () => {
    expect(validateArguments(capability, { thing_id: 'a', note: null })).toEqual({ thing_id: 'a' });
    expect(validateArguments(capability, { thing_id: 'a', note: '' })).toEqual({ thing_id: 'a', note: '' });
  });

  it('applies the 4096 code point default cap to strings without max_length', () => {
    expect(codeOf({ thing_id: 'a', note: 'x'.repeat(4096) })).toBe('OK');
    expect(codeOf({ thing_id: 'a', note: 'x'.repeat(4097) })).toBe('ARGUMENT_TOO_LONG');
  });
});

describe('reserved arguments at call time', () => {
  it.each(RESERVED_ARG_NAMES)('refuses %s with INVALID_ARGUMENT and writes nothing', async (name) => {
    const h = harness();
    const envelope = await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'x', [name]: 'globex' });
    expect(envelope.ok).toBe(false);
    expect(envelope.error?.code).toBe('INVALID_ARGUMENT');
    expect(envelope.error?.message).toContain('MODEL_CANNOT_OVERRIDE_BINDING');
    expect(envelope.error?.message).not.toContain('globex');
    expect(h.source.calls).toEqual([]);
    expect(await h.store.listEvents()).toEqual([]);
    expect(await h.store.listQueryAudit()).toEqual([]);
  });

  it('maps argument codes to INVALID_ARGUMENT in the envelope (reference: credit above 5000)', async () => {
    const h = harness();
    const envelope = await h.call('support.propose_plan_credit', { customer_id: 'cust_acme_1', credit_cents: 6000, reason: 'r' });
    expect(envelope.error).toMatchObject({ code: 'INVALID_ARGUMENT', retryable: false });
    expect(envelope.error?.message).toContain('ARGUMENT_ABOVE_MAXIMUM');
    expect(envelope.kind).toBe('proposal');
    expect(h.source.calls).toEqual([]);
  });
});
