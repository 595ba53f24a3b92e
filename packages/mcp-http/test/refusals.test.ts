import { afterEach, describe, expect, it } from 'vitest';
import type { StubRuntime } from '../../core/test/mcp/support/stub-runtime.js';
import { auth, closeAll, jsonHeaders, raw, startStreamable, TOKEN } from './support/harness.js';

afterEach(closeAll);

const listBody = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

function expectUntouched(stub: StubRuntime): void {
  expect(stub.counts).toMatchObject({ listTools: 0, callTool: 0, readResource: 0 });
}

describe('step 1: Host', () => {
  it.each([
    ['a foreign host', 'evil.example'],
    ['a loopback host on another port', '127.0.0.1:1'],
    ['an empty host', ''],
  ])('refuses %s with 403 forbidden_host before auth', async (_label, host) => {
    const { port, stub } = await startStreamable();
    for (const headers of [{ ...jsonHeaders, host }, { host }]) {
      const res = await raw({ port, headers, body: listBody });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ ok: false, error: 'forbidden_host' });
    }
    // /healthz has no auth, but the Host check applies.
    const health = await raw({ port, method: 'GET', path: '/healthz', headers: { host } });
    expect(health.status).toBe(403);
    expectUntouched(stub);
  });

  it('accepts localhost, [::1] and configured --allowed-host values', async () => {
    const { port } = await startStreamable({ allowedHosts: ['runner.internal', 'Proxy.Example:443'] });
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `runner.internal:${port}`, 'runner.internal', 'proxy.example:443']) {
      const res = await raw({ port, method: 'GET', path: '/healthz', headers: { host } });
      expect([host, res.status]).toEqual([host, 200]);
    }
  });

  it('checks Host before Origin', async () => {
    const { port } = await startStreamable();
    const res = await raw({ port, headers: { host: 'evil.example', origin: 'https://evil.example' }, body: listBody });
    expect(res.json()).toEqual({ ok: false, error: 'forbidden_host' });
  });
});

describe('steps 2 and 3: Origin and CORS', () => {
  it('refuses an Origin that is not allowed with 403, before auth', async () => {
    const { port, stub } = await startStreamable({ allowedOrigins: ['https://app.example'] });
    for (const origin of ['https://evil.example', 'null', 'https://app.example.evil.example']) {
      const res = await raw({ port, headers: { origin }, body: listBody });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ ok: false, error: 'forbidden_origin' });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expectUntouched(stub);
  });

  it('gives an allowed Origin CORS headers (never *) and answers its preflight with 204', async () => {
    const origin = 'https://app.example';
    const { port } = await startStreamable({ allowedOrigins: [origin] });
    const preflight = await raw({ port, method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST, GET, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, mcp-session-id, mcp-protocol-version, last-event-id',
      'access-control-expose-headers': 'mcp-session-id',
    });
    // Headers also reach responses the SDK transport writes itself.
    const init = await raw({
      port,
      headers: { ...jsonHeaders, origin },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });
    expect(init.status).toBe(200);
    expect(init.headers['access-control-allow-origin']).toBe(origin);
    expect(init.headers['access-control-expose-headers']).toBe('mcp-session-id');
    // A refusal after the CORS step keeps them too, so the browser can read the 401.
    const denied = await raw({ port, headers: { origin }, body: listBody });
    expect(denied.status).toBe(401);
    expect(denied.headers['access-control-allow-origin']).toBe(origin);
  });
});

describe('step 4: auth', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong token of the same length', `Bearer ${'x'.repeat(TOKEN.length)}`],
    ['a longer token with the right prefix', `Bearer ${TOKEN}extra`],
    ['a shorter token', 'Bearer short'],
    ['another scheme', `Basic ${TOKEN}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s with 401 and WWW-Authenticate', async (_label, authorization) => {
    const { port, stub } = await startStreamable();
    const res = await raw({ port, headers: { 'content-type': 'application/json', authorization }, body: listBody });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual({ ok: false, error: 'unauthorized' });
    expectUntouched(stub);
  });

  it('answers unknown paths 401 without a token and 404 with one', async () => {
    const { port } = await startStreamable();
    expect((await raw({ port, method: 'GET', path: '/admin' })).status).toBe(401);
    const res = await raw({ port, method: 'GET', path: '/admin', headers: auth });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ ok: false, error: 'not_found' });
  });

  it('under --dev-no-auth needs no token and says so at startup', async () => {
    const { port, server } = await startStreamable({ devNoAuth: true, env: {} });
    const res = await raw({ port, headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: listBody });
    expect(res.status).toBe(400); // passed auth; a POST without a session must be initialize
    expect(server.startupLines()).toContain('auth: DISABLED (dev, loopback only)');
  });
});

describe('step 5: rate limit', () => {
  it('answers 429 with Retry-After past the burst, and refills over time', async () => {
    let now = 5_000;
    const { port, stub } = await startStreamable({ rateLimit: { perSecond: 2, burst: 3 }, nowMs: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await raw({ port, headers: jsonHeaders, body: listBody })).status);
    expect(statuses).toEqual([400, 400, 400]);
    const limited = await raw({ port, headers: jsonHeaders, body: listBody });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toEqual({ ok: false, error: 'rate_limited' });
    now += 500; // one token back at 2/s
    expect((await raw({ port, headers: jsonHeaders, body: listBody })).status).toBe(400);
    expect((await raw({ port, headers: jsonHeaders, body: listBody })).status).toBe(429);
    expectUntouched(stub);
  });

  it('does not let unauthenticated requests drain the token holder’s bucket', async () => {
    const { port } = await startStreamable({ rateLimit: { perSecond: 1, burst: 1 }, nowMs: () => 0 });
    for (let i = 0; i < 3; i += 1) expect((await raw({ port, body: listBody })).status).toBe(401);
    expect((await raw({ port, headers: jsonHeaders, body: listBody })).status).toBe(400);
  });

  it('is off with rate limit 0', async () => {
    const { port } = await startStreamable({ rateLimit: 0, nowMs: () => 0 });
    const statuses = await Promise.all(Array.from({ length: 150 }, () => raw({ port, headers: jsonHeaders, body: listBody })));
    expect(statuses.every((res) => res.status === 400)).toBe(true);
  });
});

describe('step 6: body limit', () => {
  const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(1024 * 1024) } });

  it('refuses a declared body over 1 MiB with 413', async () => {
    const { port, stub } = await startStreamable();
    const res = await raw({ port, headers: jsonHeaders, body: big });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ ok: false, error: 'payload_too_large' });
    expectUntouched(stub);
  });

  it('refuses a chunked body over 1 MiB with 413', async () => {
    const { port, stub } = await startStreamable();
    const res = await raw({ port, headers: jsonHeaders, body: big, chunked: true });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ ok: false, error: 'payload_too_large' });
    expectUntouched(stub);
  });

  it('accepts a body just under the limit as far as the limit is concerned', async () => {
    const { port } = await startStreamable();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(1024 * 1000) } });
    expect((await raw({ port, headers: jsonHeaders, body })).status).toBe(400); // no session, not 413
  });
});

describe('step 7: route', () => {
  it('answers 405 for other methods on /mcp and 415 for a non-JSON body', async () => {
    const { port, stub } = await startStreamable();
    const put = await raw({ port, method: 'PUT', headers: jsonHeaders, body: listBody });
    expect(put.status).toBe(405);
    expect(put.json()).toEqual({ ok: false, error: 'method_not_allowed' });
    const text = await raw({ port, headers: { ...auth, 'content-type': 'text/plain' }, body: listBody });
    expect(text.status).toBe(415);
    expect(text.json()).toEqual({ ok: false, error: 'unsupported_media_type' });
    expectUntouched(stub);
  });
});
