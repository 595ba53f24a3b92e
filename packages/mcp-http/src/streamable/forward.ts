import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { McpLogger } from '@synapsor/core/mcp';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { serveViaWebTransport } from './web-bridge.js';

export interface LiveSession {
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
}

/** A JSON-RPC error answered outside the SDK transport (no request id is known yet). */
export function rpcRefusal(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

export const noValidSession = (reply: FastifyReply) => rpcRefusal(reply, 400, -32000, 'No valid session');
export const sessionNotFound = (reply: FastifyReply) => rpcRefusal(reply, 404, -32001, 'Session not found');

/**
 * Hands the request to the SDK transport through our Node ↔ Web bridge (`web-bridge.ts`), which
 * writes the response itself (JSON or SSE). Fastify is told the reply is hijacked; the raw
 * headers set by the CORS step stay in place.
 */
export async function forward(
  session: LiveSession,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: McpLogger,
): Promise<void> {
  reply.hijack();
  try {
    await serveViaWebTransport(session.transport, request, reply.raw);
  } catch (error) {
    // Only the error's name: its message could carry driver text.
    logger.error({ event: 'mcp_transport_failed', error: (error as Error)?.name ?? 'unknown' });
    if (!reply.raw.headersSent) {
      reply.raw.writeHead(500, { 'content-type': 'application/json' });
      reply.raw.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
    } else {
      // Failed mid-stream: a half-written response must not look complete.
      reply.raw.destroy();
    }
  }
}
