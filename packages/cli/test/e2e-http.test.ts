import { existsSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/cli.js';
import { createE2eWorld, envelopeOf, httpClient, recordingFetch, resourceJson, storeIn, unknownSibling, type ServerHandle } from './helpers/e2e-mcp.js';
import { postgresReachable } from './helpers/scratch-postgres.js';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('e2e over HTTP: built CLI servers → real ledger → real PostgreSQL', () => {
  let dir: ReturnType<typeof tempDir>;
  let world: Awaited<ReturnType<typeof createE2eWorld>>;
  let post: (url: string, body: unknown, headers?: Record<string, string>) => Promise<{ status: number; headers: Headers; json: any }>;

  beforeAll(async () => {
    dir = tempDir('synapsor-e2e-http-');
    world = await createE2eWorld(dir.path);
    const fetchAndRecord = recordingFetch(world.transcript);
    post = async (url, body, headers = {}) => {
      const response = await fetchAndRecord(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
    };
  });
  afterAll(async () => {
    await world?.dispose();
    dir?.remove();
  });

  const bearer = () => ({ authorization: `Bearer ${world.token}` });
  const callInvoice = (id: number, invoice: string) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'billing.inspect_invoice', arguments: { invoice_id: invoice } } });

  /** SIGTERM ends an HTTP server with exit 0 and removes its lease. */
  async function expectCleanStop(server: ServerHandle, store: string): Promise<void> {
    expect(existsSync(`${store}.lease.json`)).toBe(true);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(existsSync(`${store}.lease.json`)).toBe(false);
  }

  describe('Streamable HTTP (mcp serve-streamable-http)', () => {
    const store = () => storeIn(dir.path, 'streamable');
    let server: ServerHandle;
    let url = '';
    let client: Client;
    let transport: StreamableHTTPClientTransport;

    beforeAll(async () => {
      ({ server, url } = await world.runner.serveHttp(['mcp', 'serve-streamable-http'], store()));
      ({ client, transport } = await httpClient(url, world.token, world.transcript));
    });
    afterAll(async () => {
      await client?.close();
    });

    it('initializes a bearer-authenticated session and lists the 8 tools', async () => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      expect(transport.sessionId).toMatch(/^[0-9a-f]{32}$/);
      expect(client.getServerVersion()?.name).toBe('synapsor-runner');
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(8);
      expect(tools.map((tool) => tool.name)).toContain('billing.propose_late_fee_waiver');
    });

    it('reads, proposes without touching the row, and serves both resources', async () => {
      const read = envelopeOf(await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } }));
      expect(read).toMatchObject({ ok: true, kind: 'read', data: { id: 'INV-3001', late_fee_cents: 5500 }, source_database_changed: false });
      const before = await world.row('invoices', 'INV-3001');
      const proposed = envelopeOf(await client.callTool({ name: 'billing.propose_late_fee_waiver', arguments: { invoice_id: 'INV-3001', reason: 'goodwill' } }));
      expect(proposed.proposal).toMatchObject({ state: 'review_required', diff: { late_fee_cents: { before: 5500, proposed: 0 } } });
      expect(await world.row('invoices', 'INV-3001')).toEqual(before);

      expect(resourceJson(await client.readResource({ uri: read.evidence!.resource }))).toMatchObject({ evidence_bundle_id: read.evidence!.bundle_id, visible_row: read.data });
      expect(resourceJson(await client.readResource({ uri: proposed.proposal!.resource }))).toMatchObject({ proposal_id: proposed.proposal!.id, state: 'pending_review' });
    });

    it('a request without the token (or with a wrong one) is 401 and records nothing; with it, the call is recorded', async () => {
      const session = { 'mcp-session-id': transport.sessionId!, 'mcp-protocol-version': transport.protocolVersion! };
      const before = await world.runner.counts(store());
      const withoutToken: Array<Record<string, string>> = [{}, { authorization: `Bearer ${world.token.slice(0, -1)}x` }];
      for (const auth of withoutToken) {
        const refused = await post(url, callInvoice(90, 'INV-3001'), { ...session, ...auth });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(refused.json).toEqual({ ok: false, error: 'unauthorized' });
      }
      expect(await world.runner.counts(store())).toEqual(before);

      expect(envelopeOf(await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } })).ok).toBe(true);
      const after = await world.runner.counts(store());
      expect(after).toMatchObject({ query_audit: before.query_audit! + 1, evidence_bundles: before.evidence_bundles! + 1 });
    });

    it('DELETE closes the session: the id then answers 404 Session not found', async () => {
      const sessionId = transport.sessionId!;
      await transport.terminateSession();
      expect(transport.sessionId).toBeUndefined();
      const stale = await post(url, { jsonrpc: '2.0', id: 91, method: 'tools/list' }, { ...bearer(), 'mcp-session-id': sessionId });
      expect(stale.status).toBe(404);
      expect(stale.json).toMatchObject({ jsonrpc: '2.0', error: { code: -32001, message: expect.stringContaining('Session not found') } });
    });

    it('stops on SIGTERM with exit 0 and removes its lease', async () => {
      await client.close();
      await expectCleanStop(server, store());
    });
  });

  describe('JSON-RPC bridge (mcp serve-http)', () => {
    const store = () => storeIn(dir.path, 'bridge');
    let server: ServerHandle;
    let url = '';
    const rpc = (id: number, method: string, params?: unknown) => post(url, { jsonrpc: '2.0', id, method, params }, bearer());

    beforeAll(async () => {
      ({ server, url } = await world.runner.serveHttp(['mcp', 'serve-http'], store()));
    });

    it('answers tools/list, tools/call and resources/read', async () => {
      const list = await rpc(1, 'tools/list');
      expect(list.status).toBe(200);
      expect(list.json.result.tools).toHaveLength(8);
      expect(list.json.result.tools[4]).toMatchObject({ name: 'billing.inspect_invoice', annotations: { readOnlyHint: true } });

      const call = await rpc(2, 'tools/call', { name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3002' } });
      expect(call.json.id).toBe(2);
      const read = envelopeOf(call.json.result);
      expect(read).toMatchObject({ ok: true, data: { id: 'INV-3002', status: 'paid' } });

      const resource = await rpc(3, 'resources/read', { uri: read.evidence!.resource });
      expect(resourceJson(resource.json.result)).toMatchObject({ evidence_bundle_id: read.evidence!.bundle_id, object_id: 'INV-3002' });
      const missing = await rpc(4, 'resources/read', { uri: `synapsor://evidence/${unknownSibling(read.evidence!.bundle_id)}` });
      expect(missing.json).toEqual({ jsonrpc: '2.0', id: 4, error: { code: -32002, message: 'Resource not found', data: { code: 'RESOURCE_NOT_FOUND' } } });
    });

    it('an unknown method is HTTP 200 with JSON-RPC -32601 HTTP_JSONRPC_METHOD_UNSUPPORTED', async () => {
      const unknown = await rpc(5, 'prompts/list');
      expect(unknown.status).toBe(200);
      expect(unknown.json).toMatchObject({ jsonrpc: '2.0', id: 5, error: { code: -32601, data: { code: 'HTTP_JSONRPC_METHOD_UNSUPPORTED' } } });
    });

    it('refuses a request without the token (401)', async () => {
      const refused = await post(url, { jsonrpc: '2.0', id: 6, method: 'tools/list' });
      expect(refused.status).toBe(401);
      expect(refused.json).toEqual({ ok: false, error: 'unauthorized' });
    });

    it('stops on SIGTERM with exit 0 and removes its lease', async () => {
      await expectCleanStop(server, store());
    });
  });

  it('no response header or body, server log or CLI output carried a database URL, password or the token', () => {
    const text = world.transcript.text();
    for (const source of ['auth: bearer token from env SYNAPSOR_RUNNER_HTTP_TOKEN', 'mcp-session-id', '"unauthorized"', 'evidence_bundle_id', '"query_audit"']) {
      expect(text).toContain(source);
    }
    world.transcript.assertClean(world.secrets);
  });
});
