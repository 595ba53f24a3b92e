// The Node ↔ Web bridge in front of the SDK transport: end to end on the real server, and with a
// scripted transport (real fastify socket) for what the SDK transport cannot be made to do.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LEAKY_TOOL, SLOW_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { forward, type LiveSession } from '../src/streamable/forward.js';
import { canReadStringBody, stringBodyOf } from '../src/streamable/response-source.js';
import { auth, captureLogger, closeAll, connectClient, jsonHeaders, openRawSession, raw, startStreamable, TOKEN } from './support/harness.js';

const fakes: FastifyInstance[] = [];
afterEach(async () => {
  await closeAll();
  while (fakes.length) await fakes.pop()!.close();
});

const listBody = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
const sseHeaders = (sessionId: string) => ({ ...auth, accept: 'text/event-stream', 'mcp-session-id': sessionId });

interface OpenStream {
  req: ClientRequest;
  res: IncomingMessage;
  chunks: string[];
  /** Resolves with the next chunk received. */
  next(): Promise<string>;
  /** Resolves when the response ended normally (true) or was cut off (false). */
  settled: Promise<boolean>;
}

/** A request whose response is read chunk by chunk as it arrives (SSE). */
function openStream(port: number, method: string, headers: Record<string, string>): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: '/mcp', headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: string[] = [];
      let waiting: ((chunk: string) => void) | undefined;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        chunks.push(chunk);
        waiting?.(chunk);
        waiting = undefined;
      });
      const settled = new Promise<boolean>((done) => {
        res.on('end', () => done(true));
        res.on('aborted', () => done(false));
        res.on('error', () => done(false));
      });
      resolve({ req, res, chunks, settled, next: () => new Promise((got) => (waiting = got)) });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('bridge, end to end', () => {
  it('releases a GET stream the client dropped, so the session can open a new one', async () => {
    const { port, server } = await startStreamable();
    const sessionId = await openRawSession(port);
    const first = await openStream(port, 'GET', sseHeaders(sessionId));
    expect(first.res.statusCode).toBe(200);
    expect(first.res.headers['content-type']).toBe('text/event-stream');
    // While it is open the transport holds it: a second GET is the SDK's 409.
    expect((await raw({ port, method: 'GET', headers: sseHeaders(sessionId) })).status).toBe(409);

    first.req.destroy();
    const second = await eventually(
      () => openStream(port, 'GET', sseHeaders(sessionId)),
      (stream) => {
        if (stream.res.statusCode !== 200) stream.req.destroy();
        return stream.res.statusCode === 200;
      },
    );
    expect(second.res.statusCode).toBe(200);
    // DELETE closes the session, which ends the open stream cleanly.
    expect((await raw({ port, method: 'DELETE', headers: { ...jsonHeaders, 'mcp-session-id': sessionId } })).status).toBe(200);
    expect(await second.settled).toBe(true);
    expect(server.sessionCount()).toBe(0);
  });

  it('delivers a JSON response larger than 64 KiB intact, with its byte length', async () => {
    const big = 'ü€😀'.repeat(30_000); // ~270 KiB of multi-byte UTF-8
    const { url, port } = await startStreamable({}, { env: { LEAK_ME: big } });
    const { client } = await connectClient(url);
    const result = await client.callTool({ name: LEAKY_TOOL, arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: `driver said: ${big}` }]);
    await client.close();

    const sessionId = await openRawSession(port);
    const res = await raw({
      port,
      headers: { ...jsonHeaders, 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: LEAKY_TOOL, arguments: {} } }),
    });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.json().result.content[0].text).toBe(`driver said: ${big}`);
  });

  it('keeps CORS headers set before forwarding on every kind of transport answer', async () => {
    const origin = 'https://app.example';
    const { port } = await startStreamable({ allowedOrigins: [origin] });
    const sessionId = await openRawSession(port, { ...jsonHeaders, origin });
    const session = { ...jsonHeaders, origin, 'mcp-session-id': sessionId };
    const answers = [
      await raw({ port, headers: session, body: listBody }), // JSON
      await raw({ port, headers: session, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) }), // 202
      await raw({ port, headers: { ...session, accept: 'application/json' }, body: listBody }), // transport's 406
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 202, 406]);
    const stream = await openStream(port, 'GET', { ...sseHeaders(sessionId), origin });
    stream.req.destroy();
    for (const headers of [...answers.map((res) => res.headers), stream.res.headers]) {
      expect(headers).toMatchObject({ 'access-control-allow-origin': origin, 'access-control-expose-headers': 'mcp-session-id', vary: 'Origin' });
    }
  });

  it('serves an absolute-form request target (as sent to proxies) like an origin-form one', async () => {
    const { port } = await startStreamable();
    const sessionId = await openRawSession(port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end(
          [
            `POST http://127.0.0.1:${port}/mcp HTTP/1.1`,
            `Host: 127.0.0.1:${port}`,
            `Authorization: Bearer ${TOKEN}`,
            'Content-Type: application/json',
            'Accept: application/json, text/event-stream',
            `Mcp-Session-Id: ${sessionId}`,
            `Content-Length: ${Buffer.byteLength(listBody)}`,
            'Connection: close',
            '',
            listBody,
          ].join('\r\n'),
        );
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).result.tools).toHaveLength(4);
  });

  it('keeps the session usable after a client left during a slow call', async () => {
    const { port, stub, server } = await startStreamable();
    const sessionId = await openRawSession(port);
    const headers = { ...jsonHeaders, 'mcp-session-id': sessionId };
    const started = stub.slowStarted();
    const slow = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/mcp', headers: { host: `127.0.0.1:${port}`, ...headers } });
    slow.on('error', () => undefined);
    slow.end(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: SLOW_TOOL, arguments: {} } }));
    await started;
    slow.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    stub.releaseSlow();
    const after = await raw({ port, headers, body: listBody });
    expect(after.status).toBe(200);
    expect(after.json().result.tools).toHaveLength(4);
    expect(server.sessionCount()).toBe(1);
  });
});

type Handle = (request: Request, options?: { parsedBody?: unknown }) => Promise<Response>;

/** A fastify app whose `/mcp` forwards to a scripted transport; CORS-like header set first. */
async function startScripted(handle: Handle) {
  const logger = captureLogger();
  const app = Fastify();
  fakes.push(app);
  app.addHook('onRequest', async (_request, reply) => {
    reply.raw.setHeader('Access-Control-Allow-Origin', 'https://app.example');
  });
  const transport = { handleRequest: handle } as unknown as WebStandardStreamableHTTPServerTransport;
  const session = { server: undefined, transport } as unknown as LiveSession;
  app.route({ method: ['GET', 'POST', 'DELETE'], url: '/mcp', handler: (request, reply) => forward(session, request, reply, logger) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return { port, logger };
}

/** An SSE Response whose events the test enqueues; `cancelled` resolves when it is cancelled. */
function scriptedEvents() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onCancel!: () => void;
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: () => onCancel() });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
  const encoder = new TextEncoder();
  return { response, cancelled, send: (text: string) => controller.enqueue(encoder.encode(text)), controller };
}

describe('bridge with a scripted transport', () => {
  it('answers 500 with a JSON-RPC internal error when the transport throws, logging only the error name', async () => {
    const { port, logger } = await startScripted(async () => {
      throw new TypeError('connect postgres://runner:hunter2@db.internal failed');
    });
    const res = await raw({ port, headers: jsonHeaders, body: listBody });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null });
    expect(logger.lines.map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ event: 'mcp_transport_failed', error: 'TypeError' }));
    expect(logger.lines.join('\n')).not.toContain('hunter2');
  });

  it('sends SSE headers at once, each event as it is enqueued, and cancels the stream when the client leaves', async () => {
    const events = scriptedEvents();
    const { port } = await startScripted(async () => events.response);
    const stream = await openStream(port, 'GET', { accept: 'text/event-stream' });
    // The response (status and headers) arrived before any event existed.
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers).toMatchObject({ 'content-type': 'text/event-stream', 'access-control-allow-origin': 'https://app.example' });
    const first = stream.next();
    events.send('event: message\ndata: {"n":1}\n\n');
    expect(await first).toBe('event: message\ndata: {"n":1}\n\n');
    const second = stream.next();
    events.send('event: message\ndata: {"n":2}\n\n');
    expect(await second).toBe('event: message\ndata: {"n":2}\n\n');
    stream.req.destroy();
    await events.cancelled;
  });

  it('ends the response when the event stream closes, and cuts it off when the stream fails', async () => {
    const closing = scriptedEvents();
    const failing = scriptedEvents();
    const queue = [closing, failing];
    const { port } = await startScripted(async () => queue.shift()!.response);

    const ended = await openStream(port, 'GET', { accept: 'text/event-stream' });
    closing.send('data: bye\n\n');
    closing.controller.close();
    expect(await ended.settled).toBe(true);
    expect(ended.chunks.join('')).toBe('data: bye\n\n');

    const cut = await openStream(port, 'GET', { accept: 'text/event-stream' });
    const got = cut.next();
    failing.send('data: partial\n\n');
    await got;
    failing.controller.error(new Error('boom'));
    expect(await cut.settled).toBe(false);
  });

  it('writes a finite stream body completely, with a Content-Length', async () => {
    const parts = ['{"jsonrpc":"2.0",', '"id":1,', `"result":{"pad":"${'x'.repeat(70_000)}"}}`];
    const { port } = await startScripted(async () => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(encoder.encode(part));
          controller.close();
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const res = await raw({ port, headers: jsonHeaders, body: listBody });
    expect(res.status).toBe(200);
    expect(res.text).toBe(parts.join(''));
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(parts.join(''))));
    expect(res.headers['transfer-encoding']).toBeUndefined();
  });

  it('hands the transport a Request view: method, URL, headers, parsed body and a signal that aborts when the client leaves', async () => {
    let seen: { request: Request; parsedBody: unknown } | undefined;
    let arrived!: () => void;
    const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
    const { port } = await startScripted((request, options) => {
      seen = { request, parsedBody: options?.parsedBody };
      arrived();
      return new Promise<Response>(() => undefined); // never answers
    });
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/mcp?probe=1',
      headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-extra': 'yes', accept: 'application/json' },
    });
    req.on('error', () => undefined);
    req.end(listBody);
    await arrivedPromise;
    const { request, parsedBody } = seen!;
    expect(request).toBeInstanceOf(Request);
    expect([request.method, request.url]).toEqual(['POST', `http://127.0.0.1:${port}/mcp?probe=1`]);
    expect(request.headers.get('x-extra')).toBe('yes');
    expect(Object.fromEntries(request.headers.entries())).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(parsedBody).toEqual(JSON.parse(listBody));
    // Fastify consumed the body; members beyond the fast fields still work, on a real Request.
    expect(request.body).toBeNull();
    expect(await request.text()).toBe('');
    expect(request.clone().headers.get('x-extra')).toBe('yes');
    expect(request.signal.aborted).toBe(false);
    const aborted = new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve()));
    req.destroy();
    await aborted;
    expect(request.signal.aborted).toBe(true);
  });
});

describe('string body fast path', () => {
  it.runIf(process.versions.undici?.startsWith('6.'))('is available on this Node (undici 6)', () => {
    expect(canReadStringBody).toBe(true);
  });

  it('answers only for unread string bodies', async () => {
    const json = '{"jsonrpc":"2.0","id":1,"result":{}}';
    expect(stringBodyOf(new Response(json))).toBe(canReadStringBody ? json : undefined);
    const read = new Response(json);
    await read.text();
    expect(stringBodyOf(read)).toBeUndefined();
    expect(stringBodyOf(new Response(new ReadableStream()))).toBeUndefined();
    expect(stringBodyOf(new Response(new Uint8Array([1, 2])))).toBeUndefined();
    expect(stringBodyOf(new Response(null, { status: 202 }))).toBeUndefined();
  });
});
