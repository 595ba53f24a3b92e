import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Runtime } from '@synapsor/core';
import { createMcpServer } from '@synapsor/core/mcp';
import type { FastifyInstance } from 'fastify';
import { MCP_PATH, methodNotAllowed } from '../app.js';
import type { GuardContext } from '../context.js';
import { forward } from './forward.js';

/**
 * `--stateless`: every POST gets its own server and transport (the SDK's stateless transport
 * cannot be reused), answered as JSON and torn down when the response closes.
 */
export function statelessRoutes(app: FastifyInstance, ctx: GuardContext, runtime: Runtime): void {
  app.post(MCP_PATH, async (request, reply) => {
    const server = createMcpServer(runtime, { version: ctx.options.version, logger: ctx.logger });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.raw.once('close', () => void server.close());
    await server.connect(transport);
    return forward({ server, transport }, request, reply, ctx.logger);
  });
  methodNotAllowed(app, ctx, ['GET', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'], 'POST');
}
