// The published outputSchema is compact (top-level types and nullability only), so this pins the
// contract that matters: every envelope shape the runtime produces validates against it with the
// same validator the SDK client uses, and the schema still rejects what is not a v2 envelope.
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { describe, expect, it } from 'vitest';
import { ENVELOPE_V2_SCHEMA, type EnvelopeV2 } from '../../src/envelope/index.js';
import { compileTools } from '../../src/tools/index.js';
import { harness } from './support/harness.js';
import { referenceConfig } from './support/fixtures.js';

const validate = new AjvJsonSchemaValidator().getValidator<EnvelopeV2>(ENVELOPE_V2_SCHEMA);

describe('v2 envelope schema', () => {
  it('validates every envelope shape the runtime produces', async () => {
    const h = harness();
    const envelopes = [
      await h.call('billing.inspect_invoice', { invoice_id: 'INV-3001' }),
      await h.call('billing.inspect_invoice', { invoice_id: 'INV-0000' }),
      await h.call('billing.inspect_invoice', {}),
      await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'r' }),
      await h.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'r' }),
      await h.call('execute_sql', { sql: 'select 1' }),
      await harness({ env: {} }).call('billing.inspect_invoice', { invoice_id: 'INV-3001' }),
    ];
    expect(envelopes.map((e) => e.error?.code ?? (e.proposal?.reused ? 'reused' : e.kind))).toEqual([
      'read',
      'NOT_FOUND_IN_TENANT',
      'INVALID_ARGUMENT',
      'proposal',
      'reused',
      'CAPABILITY_NOT_FOUND',
      'TEMPORARILY_UNAVAILABLE',
    ]);
    for (const envelope of envelopes) expect(validate(envelope)).toMatchObject({ valid: true });
  });

  it('rejects a result without ok, with a non-boolean ok, or with a nested null where an object is required', () => {
    const base = { ok: true, summary: 's', action: 'a', kind: 'read', data: {}, proposal: null, error: null, evidence: null, source_database_changed: false, _meta: {} };
    expect(validate(base).valid).toBe(true);
    const { ok: _ok, ...withoutOk } = base;
    expect(validate(withoutOk).valid).toBe(false);
    expect(validate({ ...base, ok: 'yes' }).valid).toBe(false);
    expect(validate({ ...base, _meta: null }).valid).toBe(false);
    expect(validate({ ...base, data: 'row' }).valid).toBe(false);
  });

  it('is one frozen object shared by every v2 descriptor', () => {
    const { descriptors } = compileTools(referenceConfig(), { aliasMode: 'both' });
    expect(descriptors.every((d) => d.outputSchema === ENVELOPE_V2_SCHEMA)).toBe(true);
    expect(Object.isFrozen(ENVELOPE_V2_SCHEMA)).toBe(true);
    expect(Object.isFrozen(ENVELOPE_V2_SCHEMA.properties)).toBe(true);
  });
});
