import { afterEach, describe, expect, it } from 'vitest';
import { READ_TOOL, SLOW_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { closeAll, connectClient, initializeBody, jsonHeaders, openRawSession, raw, startStreamable } from './support/harness.js';

afterEach(closeAll);

const listBody = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

describe('Streamable HTTP with the SDK client', () => {
  it('initializes, lists, calls, reads a resource and deletes the session', async () => {
    const { url, server, stub } = await startStreamable();
    const { client, transport } = await connectClient(url);
    expect(client.getServerVersion()).toEqual({ name: 'synapsor-runner', version: '0.0.0-test' });
    expect(transport.sessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.sessionCount()).toBe(1);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain(READ_TOOL);
    const result = await client.callTool({ name: READ_TOOL, arguments: { invoice_id: 'inv_1' } });
    expect(result.structuredContent).toMatchObject({ ok: true, action: READ_TOOL });
    const uri = 'synapsor://evidence/ev_000000000000000000000001';
    expect((await client.readResource({ uri })).contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
    await expect(client.readResource({ uri: 'synapsor://evidence/ev_x' })).rejects.toMatchObject({ code: -32002 });
    expect(stub.counts.callTool).toBe(1);

    const sessionId = transport.sessionId!;
    await transport.terminateSession();
    expect(server.sessionCount()).toBe(0);
    const after = await raw({ port: Number(new URL(url).port), headers: { ...jsonHeaders, 'mcp-session-id': sessionId }, body: listBody });
    expect(after.status).toBe(404);
    expect(after.json()).toEqual({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    await client.close();
  });

  it('opens an SSE stream on GET with a session', async () => {
    const { port, server } = await startStreamable();
    const sessionId = await openRawSession(port);
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      headers: { ...jsonHeaders, accept: 'text/event-stream', 'mcp-session-id': sessionId },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
    expect(server.sessionCount()).toBe(1);
  });

  it('serves /healthz without auth and reports sessions', async () => {
    const { port } = await startStreamable();
    await openRawSession(port);
    const res = await raw({ port, method: 'GET', path: '/healthz' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, transport: 'streamable-http', mode: 'review', tools: 4, sessions: 1 });
  });

  it('describes its startup without secrets', async () => {
    const { server, url } = await startStreamable({ configPath: 'cfg.json', storePath: 'local.db' });
    const lines = server.startupLines();
    expect(lines).toContain(`transport: streamable-http ${url}`);
    expect(lines).toContain('auth: bearer token from env SYNAPSOR_RUNNER_HTTP_TOKEN');
    expect(lines).toContain('store: local.db');
  });
});

describe('sessions', () => {
  it('closes sessions idle past the TTL', async () => {
    let now = 1_000_000;
    const { port, server } = await startStreamable({ sessionTtlSeconds: 60, nowMs: () => now });
    const sessionId = await openRawSession(port);
    now += 59_000;
    expect((await raw({ port, headers: { ...jsonHeaders, 'mcp-session-id': sessionId }, body: listBody })).status).toBe(200);
    now += 61_000;
    const expired = await raw({ port, headers: { ...jsonHeaders, 'mcp-session-id': sessionId }, body: listBody });
    expect(expired.status).toBe(404);
    expect(expired.json().error.code).toBe(-32001);
    expect(server.sessionCount()).toBe(0);
  });

  it('evicts the least recently used session at the cap', async () => {
    const { port, server } = await startStreamable({ maxSessions: 2 });
    const first = await openRawSession(port);
    const second = await openRawSession(port);
    // Touch the first so the second becomes least recently used.
    expect((await raw({ port, headers: { ...jsonHeaders, 'mcp-session-id': first }, body: listBody })).status).toBe(200);
    const third = await openRawSession(port);
    expect(server.sessionCount()).toBe(2);
    const status = async (id: string) => (await raw({ port, headers: { ...jsonHeaders, 'mcp-session-id': id }, body: listBody })).status;
    expect(await status(second)).toBe(404);
    expect(await status(first)).toBe(200);
    expect(await status(third)).toBe(200);
  });

  it('requires initialize for a POST without a session', async () => {
    const { port, stub } = await startStreamable();
    const res = await raw({ port, headers: jsonHeaders, body: listBody });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
    expect(stub.counts.listTools).toBe(0);
  });

  it('answers 404 for unknown and malformed session ids, and 400 for GET/DELETE without one', async () => {
    const { port } = await startStreamable();
    for (const id of ['0123456789abcdef0123456789abcdef', 'not-a-session']) {
      const res = await raw({ port, headers: { ...jsonHeaders, 'mcp-session-id': id }, body: listBody });
      expect(res.status).toBe(404);
      expect(res.json().error).toEqual({ code: -32001, message: 'Session not found' });
    }
    for (const method of ['GET', 'DELETE']) {
      const res = await raw({ port, method, headers: jsonHeaders });
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe(-32000);
    }
  });

  it('answers 400 -32700 for a body that is not JSON', async () => {
    const { port } = await startStreamable();
    const res = await raw({ port, headers: jsonHeaders, body: '{"jsonrpc":' });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  });

  it('opens and closes 200 concurrent sessions, returning the map to 0', async () => {
    const { port, server, url } = await startStreamable({ rateLimit: 0 });
    const heapBefore = process.memoryUsage().heapUsed;
    const ids = await Promise.all(Array.from({ length: 200 }, () => openRawSession(port)));
    expect(new Set(ids).size).toBe(200);
    expect(server.sessionCount()).toBe(200);
    const heapOpen = process.memoryUsage().heapUsed;
    const closed = await Promise.all(ids.map((id) => raw({ port, method: 'DELETE', headers: { ...jsonHeaders, 'mcp-session-id': id } })));
    expect(closed.every((res) => res.status === 200)).toBe(true);
    expect(server.sessionCount()).toBe(0);
    // Heap is reported, not asserted (GC timing is not ours to control).
    console.info(`200 sessions: heap +${((heapOpen - heapBefore) / 1024 / 1024).toFixed(1)} MiB while open`);
    const { client } = await connectClient(url);
    expect((await client.listTools()).tools.length).toBe(4);
    await client.close();
  });
});

describe('slow calls and timeouts', () => {
  it('completes another session’s call while one session waits on a slow call', async () => {
    const { url, stub } = await startStreamable();
    const slowSession = await connectClient(url);
    const fastSession = await connectClient(url);
    const slowStarted = stub.slowStarted();
    const slowCall = slowSession.client.callTool({ name: SLOW_TOOL, arguments: {} });
    await slowStarted;
    const fast = await fastSession.client.callTool({ name: READ_TOOL, arguments: {} });
    expect(fast.structuredContent).toMatchObject({ ok: true });
    let slowSettled = false;
    void slowCall.then(() => (slowSettled = true));
    await Promise.resolve();
    expect(slowSettled).toBe(false);
    stub.releaseSlow();
    expect((await slowCall).structuredContent).toMatchObject({ ok: true, action: SLOW_TOOL });
    await slowSession.client.close();
    await fastSession.client.close();
  });

  it('answers a call that outlives the request timeout with a timeout error', async () => {
    const { port, stub } = await startStreamable({ requestTimeoutMs: 50 });
    const sessionId = await openRawSession(port);
    const res = await raw({
      port,
      headers: { ...jsonHeaders, 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: SLOW_TOOL, arguments: {} } }),
    });
    stub.releaseSlow();
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ jsonrpc: '2.0', id: 5, error: { code: -32001, message: 'Request timed out' } });
  });
});

describe('stateless mode', () => {
  it('answers each POST on its own and refuses GET/DELETE with 405', async () => {
    const { port, server, stub } = await startStreamable({ stateless: true });
    const init = await raw({ port, headers: jsonHeaders, body: initializeBody });
    expect(init.status).toBe(200);
    expect(init.headers['mcp-session-id']).toBeUndefined();
    expect(init.json().result.serverInfo.name).toBe('synapsor-runner');
    const list = await raw({ port, headers: jsonHeaders, body: listBody });
    expect(list.status).toBe(200);
    expect(list.json().result.tools).toHaveLength(4);
    const call = await raw({
      port,
      headers: jsonHeaders,
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: READ_TOOL, arguments: { invoice_id: 'a' } } }),
    });
    expect(call.json().result.structuredContent.ok).toBe(true);
    expect(stub.counts.callTool).toBe(1);
    for (const method of ['GET', 'DELETE']) {
      const res = await raw({ port, method, headers: jsonHeaders });
      expect(res.status).toBe(405);
      expect(res.json()).toEqual({ ok: false, error: 'method_not_allowed' });
      expect(res.headers.allow).toBe('POST');
    }
    expect(server.sessionCount()).toBe(0);
  });

  it('works with the SDK client', async () => {
    const { url } = await startStreamable({ stateless: true });
    const { client } = await connectClient(url);
    expect((await client.callTool({ name: READ_TOOL, arguments: {} })).structuredContent).toMatchObject({ ok: true });
    await client.close();
  });
});
