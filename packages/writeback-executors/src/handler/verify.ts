import * as v from 'valibot';
import { canonicalJson, proposalHashOf } from '@synapsor/core';
import { idempotencyKeyFor, writebackJobIdFor } from '../apply/job.js';
import { DEFAULTS, failure, type HandlerInput, type HandlerResponse, type VerifyOptions } from './options.js';
import { WritebackRequestSchema, type WritebackRequest } from './request-schema.js';
import { constantTimeEqual, signHandlerRequest } from './sign.js';

export type VerifyResult = { ok: true; request: WritebackRequest } | ({ ok: false } & HandlerResponse);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

function header(headers: HandlerInput['headers'], name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Check 11: the verbatim change set re-hashes and every flat field agrees with it. */
function agreesWithChangeSet(request: WritebackRequest): boolean {
  const cs = request.change_set;
  const hash = request.proposal_hash;
  return (
    cs.integrity.proposal_hash === hash &&
    proposalHashOf(cs) === hash &&
    cs.proposal_id === request.proposal_id &&
    cs.proposal_version === request.proposal_version &&
    cs.action === request.action &&
    request.writeback_job_id === writebackJobIdFor(request.proposal_id, 'http_handler') &&
    request.idempotency_key === idempotencyKeyFor(request.proposal_id, cs.scope.object_id) &&
    same(request.source, cs.source) &&
    same(request.target, { schema: cs.source.schema, table: cs.source.table, primary_key: cs.source.primary_key }) &&
    same(request.tenant_guard, cs.guards.tenant) &&
    same(request.allowed_columns, cs.guards.allowed_columns) &&
    same(request.before, cs.before) &&
    same(request.patch, cs.patch) &&
    same(request.after, cs.after) &&
    same(request.guards, cs.guards) &&
    same(request.evidence, cs.evidence)
  );
}

/**
 * Checks 1–13 of the helper (writeback.md), in order; the first failure answers. Nothing here
 * touches the app's database.
 */
export async function verifyWritebackRequest(input: HandlerInput, options: VerifyOptions = {}): Promise<VerifyResult> {
  const env = options.env ?? process.env;
  const fail = (status: number, code: string): VerifyResult => ({ ok: false, ...failure(status, code) });
  if (input.method.toUpperCase() !== 'POST') return fail(405, 'METHOD_NOT_ALLOWED');
  const raw = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : Buffer.from(input.rawBody);
  if (raw.byteLength > (options.maxBodyBytes ?? DEFAULTS.maxBodyBytes)) return fail(413, 'BODY_TOO_LARGE');
  const token = env[options.tokenEnv ?? DEFAULTS.tokenEnv];
  if (!token) return fail(500, 'HANDLER_TOKEN_MISSING');
  if (!constantTimeEqual(header(input.headers, 'authorization') ?? '', `Bearer ${token}`)) return fail(401, 'UNAUTHORIZED');
  const secret = env[options.signingSecretEnv ?? DEFAULTS.signingSecretEnv];
  if (!secret && (options.requireSignature ?? true)) return fail(500, 'HANDLER_SIGNING_SECRET_MISSING');
  if (secret && !constantTimeEqual(header(input.headers, 'x-synapsor-signature') ?? '', signHandlerRequest(raw, secret))) {
    return fail(401, 'INVALID_SIGNATURE');
  }
  const issuedAt = header(input.headers, 'x-synapsor-issued-at') ?? '';
  const issuedMs = ISO_INSTANT.test(issuedAt) ? Date.parse(issuedAt) : Number.NaN;
  const nowMs = (options.now?.() ?? new Date()).getTime();
  if (!Number.isFinite(issuedMs) || Math.abs(nowMs - issuedMs) > (options.issuedAtSkewMs ?? DEFAULTS.issuedAtSkewMs)) {
    return fail(401, 'INVALID_ISSUED_AT');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return fail(400, 'BAD_JSON');
  }
  const parsed = v.safeParse(WritebackRequestSchema, json);
  if (!parsed.success) return fail(400, 'BAD_WRITEBACK_REQUEST');
  const request = parsed.output as unknown as WritebackRequest;
  if (
    request.issued_at !== issuedAt ||
    request.proposal_id !== header(input.headers, 'x-synapsor-proposal-id') ||
    request.idempotency_key !== header(input.headers, 'idempotency-key')
  ) {
    return fail(400, 'BAD_WRITEBACK_REQUEST');
  }
  if (request.protocol_version !== '1.0' || request.schema_version !== 'synapsor.handler-writeback.v1') {
    return fail(400, 'UNSUPPORTED_PROTOCOL_VERSION');
  }
  if (!agreesWithChangeSet(request)) return fail(400, 'PROPOSAL_HASH_MISMATCH');
  if (options.actions && !Object.hasOwn(options.actions, request.action)) return fail(400, 'UNSUPPORTED_ACTION');
  let allowed = false;
  try {
    // Fail closed: without an app policy no tenant is allowed.
    allowed = options.authorize ? (await options.authorize(request)) === true : false;
  } catch {
    allowed = false;
  }
  if (!allowed) return fail(403, 'TENANT_NOT_ALLOWED');
  return { ok: true, request };
}
