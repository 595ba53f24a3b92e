import type { Runtime } from '@synapsor/core';
import { createBaseApp, defaultLogger, MCP_PATH, methodNotAllowed, type HttpServerHandle } from '../app.js';
import { resolveHttpOptions, type HttpServerOptions } from '../options.js';
import { withRequestTimeout } from '../timeout.js';
import { dispatchBridgeRequest } from './dispatch.js';
import { createScrubber } from './scrub.js';

export const BRIDGE_WARNING =
  'the JSON-RPC bridge is not an MCP transport; use it only from an app that wraps the runner';

/** The JSON-RPC bridge (default 127.0.0.1:8765): POST `/mcp`, one request object per body. */
export function createJsonRpcBridgeServer(runtime: Runtime, options: HttpServerOptions): HttpServerHandle {
  const resolved = resolveHttpOptions(options, 'http', 8765);
  const scrub = createScrubber(resolved.token);
  const base = createBaseApp(runtime, resolved, defaultLogger(options), () => ({ tools: runtime.listTools().length }), {
    // Bodies are parsed by the dispatcher (any content type), so fastify never fails to parse.
    onUnparsableBody: (reply) => reply.code(200).send(scrub({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })),
    startupWarnings: [BRIDGE_WARNING],
  });
  const { app } = base;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const timed = withRequestTimeout(runtime, resolved.requestTimeoutMs);
  app.post(MCP_PATH, async (request, reply) => {
    const response = await dispatchBridgeRequest(timed, request.body);
    return reply.code(200).send(scrub(response));
  });
  methodNotAllowed(app, base.ctx, ['GET', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'], 'POST');

  const { ctx: _ctx, ...handle } = base;
  return handle;
}
