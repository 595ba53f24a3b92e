import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSignature, proposalHashOf } from '@synapsor/core';
import { createHttpHandlerExecutor } from '../src/index.js';
import { jobAndContext } from './support/context.js';

type Reply = { status: number; body?: string; delayMs?: number; headers?: Record<string, string> };
let reply: Reply = { status: 200, body: '{"status":"applied"}' };
let last: { headers: IncomingMessage['headers']; body: Buffer; method: string } | null = null;
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      last = { headers: request.headers, body: Buffer.concat(chunks), method: request.method ?? '' };
      const send = () => {
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const env = () => ({ URL_ENV: `${base}/hook`, TOKEN_ENV: 'tok-abcdef-123456', SECRET_ENV: 'sig-secret-7890' });
const settings = { name: 'billing_api', type: 'http_handler' as const, url_env: 'URL_ENV', auth: { type: 'bearer_env' as const, token_env: 'TOKEN_ENV' }, signing_secret_env: 'SECRET_ENV', timeout_ms: 500 };

async function run(next: Reply, options: { dryRun?: boolean; env?: Record<string, string | undefined> } = {}) {
  reply = next;
  const { job, context } = jobAndContext({ dryRun: options.dryRun, env: options.env ?? env() });
  const receipt = await createHttpHandlerExecutor(settings, options.env ?? env()).apply(job, context);
  return { receipt, job, context };
}

describe('http_handler executor', () => {
  it('sends the spec body once, signed over the exact bytes, with all headers', async () => {
    const { receipt, job } = await run({ status: 200, body: JSON.stringify({ status: 'applied', new_version: 'v2', new_object_id: 'CR-1' }) });
    expect(receipt).toMatchObject({ status: 'applied', rows_affected: 1, source_database_mutated: true, new_version: 'v2', safe_error_code: null });
    expect(receipt.details).toEqual({ new_object_id: 'CR-1' });
    const request = last!;
    const body = JSON.parse(request.body.toString('utf8'));
    expect(request.method).toBe('POST');
    expect(request.headers['x-synapsor-signature']).toBe(hmacSignature(request.body, 'sig-secret-7890'));
    expect(request.headers.authorization).toBe('Bearer tok-abcdef-123456');
    expect(request.headers['idempotency-key']).toBe(job.idempotency_key);
    expect(request.headers['x-synapsor-proposal-id']).toBe(job.proposal_id);
    expect(request.headers['x-synapsor-issued-at']).toBe(body.issued_at);
    expect(request.headers['user-agent']).toMatch(/^synapsor-runner\/\d+\.\d+\.\d+/);
    expect(request.headers['content-type']).toBe('application/json');
    expect(Object.keys(body).sort()).toEqual([
      'action', 'after', 'allowed_columns', 'approval', 'attempt', 'before', 'change_set', 'dry_run', 'evidence', 'executor',
      'guards', 'idempotency_key', 'issued_at', 'patch', 'proposal_hash', 'proposal_id', 'proposal_version', 'protocol_version',
      'runner_id', 'schema_version', 'source', 'source_database_mutated', 'target', 'tenant_guard', 'writeback_job_id',
    ]);
    expect(body).toMatchObject({ protocol_version: '1.0', schema_version: 'synapsor.handler-writeback.v1', writeback_job_id: job.writeback_job_id, dry_run: false, source_database_mutated: false });
    expect(proposalHashOf(body.change_set)).toBe(body.proposal_hash);
    expect(body.approval).toMatchObject({ status: 'approved', approved_by: 'billing.lead', required_role: 'billing_lead' });
  });

  it.each([
    ['empty 2xx', { status: 200, body: '' }, 'HANDLER_INVALID_JSON'],
    ['non-JSON 2xx', { status: 200, body: '<html>' }, 'HANDLER_INVALID_JSON'],
    ['unknown status', { status: 200, body: '{"status":"done"}' }, 'HANDLER_BAD_RECEIPT'],
    ['bad rows_affected', { status: 200, body: '{"status":"applied","rows_affected":-1}' }, 'HANDLER_BAD_RECEIPT'],
    ['500 plain', { status: 500, body: 'oops' }, 'HANDLER_HTTP_500'],
    ['409 with safe code', { status: 409, body: '{"safe_error_code":"TENANT_NOT_ALLOWED"}' }, 'TENANT_NOT_ALLOWED'],
    ['400 with unsafe code', { status: 400, body: '{"safe_error_code":"bad code!"}' }, 'HANDLER_HTTP_400'],
    ['redirect not followed', { status: 302, headers: { location: 'http://127.0.0.1:1/' } }, 'HANDLER_HTTP_302'],
    ['timeout', { status: 200, body: '{"status":"applied"}', delayMs: 1500 }, 'HANDLER_TIMEOUT'],
  ] as const)('%s → failed %s', async (_name, next, code) => {
    const { receipt } = await run(next as Reply);
    expect(receipt).toMatchObject({ status: 'failed', safe_error_code: code, rows_affected: 0, source_database_mutated: false });
  });

  it('connection refused → HANDLER_REQUEST_FAILED', async () => {
    const { receipt } = await run({ status: 200 }, { env: { ...env(), URL_ENV: 'http://127.0.0.1:1/hook' } });
    expect(receipt.safe_error_code).toBe('HANDLER_REQUEST_FAILED');
  });

  it('defaults conflict/failed codes, replaces unsafe ones, redacts details', async () => {
    const conflict = await run({ status: 200, body: '{"status":"conflict"}' });
    expect(conflict.receipt).toMatchObject({ status: 'conflict', safe_error_code: 'HANDLER_CONFLICT', rows_affected: 0 });
    const failed = await run({
      status: 200,
      body: JSON.stringify({ status: 'failed', safe_error_code: 'lower case', details: { note: 'token tok-abcdef-123456 at postgres://u:p@h/db', password: 'x', nested: { api_key: 'y', ok: 1 } } }),
    });
    expect(failed.receipt.safe_error_code).toBe('HANDLER_FAILED');
    expect(failed.receipt.details).toEqual({ note: 'token [REDACTED] at [REDACTED]', nested: { ok: 1 } });
    const huge = await run({ status: 200, body: JSON.stringify({ status: 'applied', details: { blob: 'x'.repeat(20_000) } }) });
    expect(huge.receipt.details).toMatchObject({ details_truncated: true });
  });

  it('dry run sends dry_run: true and forces 0 rows, not mutated', async () => {
    const { receipt } = await run({ status: 200, body: '{"status":"applied","rows_affected":3,"source_database_mutated":true}' }, { dryRun: true });
    expect(JSON.parse(last!.body.toString('utf8')).dry_run).toBe(true);
    expect(receipt).toMatchObject({ status: 'applied', rows_affected: 0, source_database_mutated: false, details: { dry_run: true } });
  });

  it('an oversized response (> 1 MiB) is not parsed', async () => {
    const { receipt } = await run({ status: 200, body: `{"status":"applied","details":{"x":"${'a'.repeat(1_100_000)}"}}` });
    expect(receipt.safe_error_code).toBe('HANDLER_INVALID_JSON');
  });
});
