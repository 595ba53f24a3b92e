import type { ServerResponse } from 'node:http';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyRequest } from 'fastify';
import { NodeBackedRequest } from './web-request.js';
import { writeWebResponse } from './web-response.js';

const ignore = () => undefined;

/**
 * Serves one request through the SDK's Web-standard Streamable HTTP transport. It replaces the
 * SDK's Node wrapper, which builds a new `@hono/node-server` listener per request for a
 * general-purpose Node ↔ Web conversion; fastify has already routed, guarded and parsed the
 * request, so only the headers, URL and parsed body need to cross. MCP semantics (sessions,
 * validation, JSON vs SSE) stay entirely in the SDK transport.
 *
 * If the client leaves before the response finished, the request's signal aborts and any body
 * stream being read is cancelled: for SSE that runs the transport's own cancel hook, which drops
 * the stream from its mapping (the session can open a new GET).
 */
export async function serveViaWebTransport(
  transport: WebStandardStreamableHTTPServerTransport,
  request: FastifyRequest,
  res: ServerResponse,
): Promise<void> {
  const webRequest = new NodeBackedRequest(request.raw);
  let clientGone = false;
  let cancelBody: (() => void) | undefined;
  res.once('close', () => {
    if (res.writableFinished) return;
    clientGone = true;
    webRequest.clientGone();
    cancelBody?.();
  });

  const response = await transport.handleRequest(webRequest.asRequest(), { parsedBody: request.body });
  if (clientGone || res.destroyed) {
    await response.body?.cancel().catch(ignore);
    return;
  }
  await writeWebResponse(response, res, (cancel) => {
    cancelBody = cancel;
  });
}
