import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecretMaterial } from '@synapsor/core';
import { apply } from '../src/index.js';
import { ENV } from './support/fixtures.js';
import { ledgerView } from './support/ledger.js';
import { unitSetup } from './support/unit-setup.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl';
const DATABASE_URL = 'postgres://app:db-pass-42@db.internal:5432/billing';

/**
 * The ledger refuses any record holding secret material; a handler receipt it would refuse
 * must be cleaned before recording, or the proposal sticks in `pending_worker` after the
 * source already changed.
 */
describe('handler receipt details with secret material', () => {
  let server: Server;
  let url = '';

  beforeAll(async () => {
    const body = JSON.stringify({
      status: 'applied',
      new_version: `v2 ${JWT}`,
      new_object_id: 'CR-1',
      details: { note: `session ${JWT} via ${DATABASE_URL}`, password: 'hunter2-hunter2', nested: { db_password: 'x', ok: 1 }, urls: [DATABASE_URL] },
    });
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/writeback`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records the receipt, reaches applied, and stores no secret', async () => {
    const { store, proposal, options } = await unitSetup({ type: 'http_handler', name: 'billing_api' });
    // No injected executor: apply builds the real http_handler executor from the config.
    const result = await apply(proposal.proposal_id, options({ executors: {}, env: { ...ENV, BILLING_URL: url } }));
    expect(result.receipt).toMatchObject({ status: 'applied', source_database_mutated: true });
    expect(result.receipt?.details).toEqual({ note: 'session [REDACTED] via [REDACTED]', nested: { ok: 1 }, urls: ['[REDACTED]'], new_object_id: 'CR-1' });
    expect(result.receipt?.new_version).toBe('v2 [REDACTED]');

    const view = await ledgerView(store, proposal.proposal_id);
    expect(view.proposal!.state).toBe('applied');
    expect(view.receipts).toHaveLength(1);
    expect(findSecretMaterial(view)).toBeNull();
    const stored = JSON.stringify(view);
    for (const secret of [JWT, DATABASE_URL, 'db-pass-42', 'hunter2']) expect(stored).not.toContain(secret);
    expect((await store.verify()).ok).toBe(true);
  });
});
