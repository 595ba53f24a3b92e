import { describe, expect, it } from 'vitest';
import { proposalHashOf } from '@synapsor/core';
import { signHandlerRequest, verifyWritebackRequest, type VerifyOptions } from '../src/handler.js';
import { serializeHandlerRequest } from '../src/executors/handler-request.js';
import { HANDLER_ENV, signedRequest } from './support/signed-request.js';

const actions = { 'billing.propose_waiver_via_api': async () => ({}) };
const base: VerifyOptions = { env: HANDLER_ENV, actions, authorize: (request) => request.tenant_guard?.value === 'acme' };

/** Re-signs after a body change so only the later checks can catch it. */
function resigned(mutate: (body: any) => void) {
  const request = signedRequest();
  mutate(request.body);
  const rawBody = serializeHandlerRequest(request.body);
  return { ...request, rawBody, headers: { ...request.headers, 'x-synapsor-signature': signHandlerRequest(rawBody, HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET) } };
}

type Case = [string, number, string, () => ReturnType<typeof signedRequest>, VerifyOptions?];
const CASES: Case[] = [
  ['GET', 405, 'METHOD_NOT_ALLOWED', () => ({ ...signedRequest(), method: 'GET' })],
  ['body too large', 413, 'BODY_TOO_LARGE', () => signedRequest(), { ...base, maxBodyBytes: 100 }],
  ['token env unset', 500, 'HANDLER_TOKEN_MISSING', () => signedRequest(), { ...base, env: { SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET: 'x' } }],
  ['missing bearer', 401, 'UNAUTHORIZED', () => { const r = signedRequest(); delete (r.headers as any).authorization; return r; }],
  ['wrong bearer', 401, 'UNAUTHORIZED', () => { const r = signedRequest(); r.headers.authorization = 'Bearer nope'; return r; }],
  ['secret env unset', 500, 'HANDLER_SIGNING_SECRET_MISSING', () => signedRequest(), { ...base, env: { SYNAPSOR_APP_WRITEBACK_TOKEN: HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_TOKEN } }],
  ['bad signature', 401, 'INVALID_SIGNATURE', () => { const r = signedRequest(); r.headers['x-synapsor-signature'] = `sha256=${'0'.repeat(64)}`; return r; }],
  ['body changed after signing', 401, 'INVALID_SIGNATURE', () => { const r = signedRequest(); return { ...r, rawBody: Buffer.from(r.rawBody.toString().replace('"dry_run":false', '"dry_run":true ')) }; }],
  ['stale issued-at', 401, 'INVALID_ISSUED_AT', () => signedRequest(), { ...base, now: () => new Date(Date.now() + 301_000) }],
  ['garbage issued-at', 401, 'INVALID_ISSUED_AT', () => { const r = signedRequest(); r.headers['x-synapsor-issued-at'] = 'yesterday'; return r; }],
  ['bad JSON', 400, 'BAD_JSON', () => { const r = signedRequest(); const rawBody = Buffer.from('{not json'); return { ...r, rawBody, headers: { ...r.headers, 'x-synapsor-signature': signHandlerRequest(rawBody, HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET) } }; }],
  ['unknown field', 400, 'BAD_WRITEBACK_REQUEST', () => resigned((b) => (b.extra = 1))],
  ['unsafe identifier', 400, 'BAD_WRITEBACK_REQUEST', () => resigned((b) => (b.target.table = 'invoices; drop'))],
  ['issued_at differs from header', 400, 'BAD_WRITEBACK_REQUEST', () => resigned((b) => (b.issued_at = '2020-01-01T00:00:00.000Z'))],
  ['idempotency key differs from header', 400, 'BAD_WRITEBACK_REQUEST', () => resigned((b) => (b.idempotency_key = 'other'))],
  ['protocol 2.0', 400, 'UNSUPPORTED_PROTOCOL_VERSION', () => resigned((b) => (b.protocol_version = '2.0'))],
  ['change set tampered', 400, 'PROPOSAL_HASH_MISMATCH', () => resigned((b) => (b.change_set.patch.late_fee_cents = -1))],
  ['flat patch disagrees', 400, 'PROPOSAL_HASH_MISMATCH', () => resigned((b) => (b.patch = { late_fee_cents: -1 }))],
  ['flat tenant disagrees', 400, 'PROPOSAL_HASH_MISMATCH', () => resigned((b) => (b.tenant_guard = { column: 'tenant_id', value: 'globex' }))],
  ['unregistered action', 400, 'UNSUPPORTED_ACTION', () => resigned((b) => {
    b.action = b.change_set.action = 'billing.other';
    const { integrity: _i, ...rest } = b.change_set;
    b.proposal_hash = b.change_set.integrity.proposal_hash = proposalHashOf({ ...rest, integrity: { proposal_hash: '' } } as any);
  })],
  ['authorize says no', 403, 'TENANT_NOT_ALLOWED', () => signedRequest(), { ...base, authorize: () => false }],
  ['authorize throws', 403, 'TENANT_NOT_ALLOWED', () => signedRequest(), { ...base, authorize: () => { throw new Error('x'); } }],
  ['no authorize policy (fail closed)', 403, 'TENANT_NOT_ALLOWED', () => signedRequest(), { env: HANDLER_ENV, actions }],
];

describe('verifyWritebackRequest checks 1–13', () => {
  it('accepts the runner\'s signed request', async () => {
    const request = signedRequest();
    const result = await verifyWritebackRequest(request, base);
    expect(result.ok).toBe(true);
  });

  it.each(CASES)('%s → %i %s', async (_name, status, code, make, options) => {
    const result = await verifyWritebackRequest(make(), options ?? base);
    expect(result).toEqual({ ok: false, status, body: { status: 'failed', safe_error_code: code, rows_affected: 0, source_database_mutated: false } });
  });

  it('requireSignature: false skips the HMAC only when no secret is configured', async () => {
    const request = signedRequest();
    delete (request.headers as any)['x-synapsor-signature'];
    const env = { SYNAPSOR_APP_WRITEBACK_TOKEN: HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_TOKEN };
    expect((await verifyWritebackRequest(request, { ...base, env, requireSignature: false })).ok).toBe(true);
    expect(await verifyWritebackRequest(request, { ...base, requireSignature: false })).toMatchObject({ status: 401 });
  });
});
