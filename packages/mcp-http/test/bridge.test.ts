import { afterEach, describe, expect, it } from 'vitest';
import { LEAKY_TOOL, READ_TOOL, SLOW_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { auth, closeAll, DATABASE_URL, raw, startBridge, TOKEN } from './support/harness.js';

afterEach(closeAll);

async function rpc(port: number, body: unknown, headers: Record<string, string> = { ...auth, 'content-type': 'application/json' }) {
  const res = await raw({ port, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

describe('JSON-RPC bridge methods', () => {
  it('lists tools, calls with arguments or args, and reads resources', async () => {
    const { port, stub } = await startBridge();
    const list = await rpc(port, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(list).toMatchObject({ jsonrpc: '2.0', id: 1, result: { tools: expect.any(Array) } });
    expect(list.result.tools.map((tool: { name: string }) => tool.name)).toContain(READ_TOOL);

    const call = await rpc(port, { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: READ_TOOL, arguments: { invoice_id: 'x' } } });
    expect(call.result.structuredContent).toMatchObject({ ok: true, action: READ_TOOL });
    await rpc(port, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: READ_TOOL, args: { invoice_id: 'y' } } });
    await rpc(port, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: READ_TOOL } });
    expect(stub.calls.map((c) => c.args)).toEqual([{ invoice_id: 'x' }, { invoice_id: 'y' }, {}]);

    const uri = 'synapsor://evidence/ev_000000000000000000000001';
    const read = await rpc(port, { jsonrpc: '2.0', id: 5, method: 'resources/read', params: { uri } });
    expect(read.result.contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
  });

  it('hands non-object arguments to the runtime (INVALID_ARGUMENT envelope)', async () => {
    const { port } = await startBridge();
    const call = await rpc(port, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: READ_TOOL, arguments: [1] } });
    expect(call.result.structuredContent).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('maps resource errors to -32002 and -32602 with data codes', async () => {
    const { port } = await startBridge();
    expect(await rpc(port, { jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: 'synapsor://evidence/ev_none' } })).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32002, message: 'Resource not found', data: { code: 'RESOURCE_NOT_FOUND' } },
    });
    const invalid = await rpc(port, { jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: 'synapsor://evidence/!!' } });
    expect(invalid.error).toEqual({ code: -32602, message: 'Invalid resource id', data: { code: 'RESOURCE_ID_INVALID' } });
  });

  it('answers a call that outlives the request timeout with -32000', async () => {
    const { port, stub } = await startBridge({ requestTimeoutMs: 50 });
    const res = await rpc(port, { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: SLOW_TOOL } });
    stub.releaseSlow();
    expect(res).toEqual({ jsonrpc: '2.0', id: 9, error: { code: -32000, message: 'Request timed out' } });
  });

  it('serves /healthz and prints the not-an-MCP-transport warning', async () => {
    const { port, server } = await startBridge();
    const health = await raw({ port, method: 'GET', path: '/healthz' });
    expect(health.json()).toEqual({ ok: true, transport: 'http', mode: 'review', tools: 4 });
    expect(server.startupLines().some((line) => line.startsWith('warning: the JSON-RPC bridge is not an MCP transport'))).toBe(true);
  });
});

describe('JSON-RPC bridge errors', () => {
  it.each([
    ['a parse error', '{"jsonrpc":"2.0",', { id: null, error: { code: -32700, message: 'Parse error' } }],
    ['an empty body', '', { id: null, error: { code: -32700, message: 'Parse error' } }],
    ['a batch', JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'tools/list' }]), { id: null, error: { code: -32600, message: 'Invalid Request' } }],
    ['a non-object', '42', { id: null, error: { code: -32600, message: 'Invalid Request' } }],
    ['a missing method', JSON.stringify({ jsonrpc: '2.0', id: 7 }), { id: 7, error: { code: -32600, message: 'Invalid Request' } }],
    ['an object id', JSON.stringify({ jsonrpc: '2.0', id: {}, method: 'tools/list' }), { id: null, error: { code: -32600, message: 'Invalid Request' } }],
    [
      'an unknown method',
      JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'prompts/list' }),
      { id: 8, error: { code: -32601, message: 'Method not found', data: { code: 'HTTP_JSONRPC_METHOD_UNSUPPORTED' } } },
    ],
    [
      'initialize (not offered by the bridge)',
      JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'initialize', params: {} }),
      { id: 8, error: { code: -32601, message: 'Method not found', data: { code: 'HTTP_JSONRPC_METHOD_UNSUPPORTED' } } },
    ],
    [
      'an inherited property name as method',
      JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'constructor' }),
      { id: 8, error: { code: -32601, message: 'Method not found', data: { code: 'HTTP_JSONRPC_METHOD_UNSUPPORTED' } } },
    ],
    ['non-object params', JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: [] }), { id: 9, error: { code: -32602, message: 'Invalid params: params must be an object' } }],
    ['a call without a name', JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: {} }), { id: 10, error: { code: -32602, message: 'Invalid params: name must be a string' } }],
    ['a read without a uri', JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'resources/read', params: { uri: 5 } }), { id: 11, error: { code: -32602, message: 'Invalid params: uri must be a string' } }],
  ])('answers %s with HTTP 200 and a JSON-RPC error, without touching the runtime', async (_label, body, expected) => {
    const { port, stub } = await startBridge();
    expect(await rpc(port, body)).toEqual({ jsonrpc: '2.0', ...expected });
    expect(stub.counts).toMatchObject({ callTool: 0, readResource: 0 });
  });

  it('answers -32000 with a sanitized message when the runtime throws', async () => {
    const { port, stub } = await startBridge();
    stub.callTool = async () => {
      throw new Error(`connect failed ${DATABASE_URL}`);
    };
    expect(await rpc(port, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: READ_TOOL } })).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32000, message: 'Internal error' },
    });
  });

  it('refuses non-POST on /mcp with 405', async () => {
    const { port, stub } = await startBridge();
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const res = await raw({ port, method, headers: auth });
      expect(res.status).toBe(405);
      expect(res.json()).toEqual({ ok: false, error: 'method_not_allowed' });
      expect(res.headers.allow).toBe('POST');
    }
    expect(stub.counts.listTools).toBe(0);
  });

  it('applies the same Host, auth and body rules', async () => {
    const { port, stub } = await startBridge();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect((await raw({ port, headers: { ...auth, host: 'evil.example' }, body })).status).toBe(403);
    expect((await raw({ port, body })).status).toBe(401);
    const big = await raw({ port, headers: auth, body: 'x'.repeat(1024 * 1024 + 1) });
    expect([big.status, big.json()]).toEqual([413, { ok: false, error: 'payload_too_large' }]);
    const chunked = await raw({ port, headers: auth, body: 'x'.repeat(1024 * 1024 + 1), chunked: true });
    expect(chunked.status).toBe(413);
    expect(stub.counts.listTools).toBe(0);
  });
});

describe('JSON-RPC bridge scrubbing', () => {
  it('redacts database URLs and the token from every response', async () => {
    const { port } = await startBridge();
    const res = await raw({
      port,
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: LEAKY_TOOL } }),
    });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain(TOKEN);
    expect(res.json().result.content[0].text).toBe('driver said: [redacted-database-url] [redacted-token]');
  });
});
