import Fastify from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { fastifyWritebackPlugin } from '../src/handler.js';
import { HANDLER_ENV, signedRequest } from './support/signed-request.js';

// Never connected: every request here is refused before the transaction.
const database = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }) }) });
const app = Fastify();
await app.register(fastifyWritebackPlugin, { database, env: HANDLER_ENV, maxBodyBytes: 4096, authorize: () => false, actions: { 'billing.propose_waiver_via_api': async () => ({}) } });
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('fastifyWritebackPlugin', () => {
  it('answers GET with 405 METHOD_NOT_ALLOWED', async () => {
    const response = await app.inject({ method: 'GET', url: '/synapsor/writeback' });
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ safe_error_code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers an oversized body with 413 BODY_TOO_LARGE in the helper shape', async () => {
    const response = await app.inject({ method: 'POST', url: '/synapsor/writeback', payload: 'x'.repeat(10_000), headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ status: 'failed', safe_error_code: 'BODY_TOO_LARGE', rows_affected: 0, source_database_mutated: false });
  });

  it('verifies the signature over the raw bytes (any content type) and applies the tenant policy', async () => {
    const request = signedRequest();
    const response = await app.inject({ method: 'POST', url: '/synapsor/writeback', payload: request.rawBody, headers: request.headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().safe_error_code).toBe('TENANT_NOT_ALLOWED');
  });
});
