import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpLogger } from '@synapsor/core/mcp';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface LiveSession {
  server: Server;
  transport: StreamableHTTPServerTransport;
}

/** A JSON-RPC error answered outside the SDK transport (no request id is known yet). */
export function rpcRefusal(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

export const noValidSession = (reply: FastifyReply) => rpcRefusal(reply, 400, -32000, 'No valid session');
export const sessionNotFound = (reply: FastifyReply) => rpcRefusal(reply, 404, -32001, 'Session not found');

/**
 * Hands the request to the SDK transport, which writes the response itself (JSON or SSE).
 * Fastify is told the reply is hijacked; the raw headers set by the CORS step stay in place.
 */
export async function forward(
  session: LiveSession,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: McpLogger,
): Promise<void> {
  reply.hijack();
  try {
    await session.transport.handleRequest(request.raw, reply.raw, request.body);
  } catch (error) {
    logger.error({ event: 'mcp_transport_failed', error: (error as Error)?.name ?? 'unknown' });
    if (!reply.raw.headersSent) {
      reply.raw.writeHead(500, { 'content-type': 'application/json' });
      reply.raw.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
    }
  }
}
