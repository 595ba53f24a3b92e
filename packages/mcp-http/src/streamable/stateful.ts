import { randomBytes } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Runtime } from '@synapsor/core';
import { createMcpServer } from '@synapsor/core/mcp';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MCP_PATH, methodNotAllowed } from '../app.js';
import type { GuardContext } from '../context.js';
import { forward, noValidSession, sessionNotFound, type LiveSession } from './forward.js';
import { SESSION_ID_PATTERN, SessionRegistry } from './sessions.js';

export interface StatefulDeps {
  runtime: Runtime;
  registry: SessionRegistry<LiveSession>;
}

/** 128 random bits from the CSPRNG as 32 lowercase hex (mcp.md "sessions"). */
export const newSessionId = (): string => randomBytes(16).toString('hex');

/** Stateful `/mcp`: POST (initialize opens a session), GET (SSE stream), DELETE (close). */
export function statefulRoutes(app: FastifyInstance, ctx: GuardContext, deps: StatefulDeps): void {
  const { runtime, registry } = deps;

  const lookup = (request: FastifyRequest): LiveSession | undefined | null => {
    const id = request.headers['mcp-session-id'];
    if (id === undefined) return null;
    if (typeof id !== 'string' || !SESSION_ID_PATTERN.test(id)) return undefined;
    return registry.get(id, request.callerKey);
  };

  const openSession = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const server = createMcpServer(runtime, { version: ctx.options.version, logger: ctx.logger });
    const session: LiveSession = {
      server,
      transport: new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: newSessionId,
        enableJsonResponse: true,
        onsessioninitialized: (id) => registry.add(id, request.callerKey, session),
        onsessionclosed: (id) => registry.forget(id),
      }),
    };
    session.transport.onclose = () => {
      if (session.transport.sessionId !== undefined) registry.forget(session.transport.sessionId);
    };
    await server.connect(session.transport);
    await forward(session, request, reply, ctx.logger);
    // An initialize the SDK rejected never got an id: nothing refers to this server any more.
    if (session.transport.sessionId === undefined) await server.close();
  };

  app.post(MCP_PATH, async (request, reply) => {
    const session = lookup(request);
    if (session === null) {
      if (!isInitializeRequest(request.body)) return noValidSession(reply);
      return openSession(request, reply);
    }
    if (session === undefined) return sessionNotFound(reply);
    return forward(session, request, reply, ctx.logger);
  });

  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: MCP_PATH,
      handler: async (request, reply) => {
        const session = lookup(request);
        if (session === null) return noValidSession(reply);
        if (session === undefined) return sessionNotFound(reply);
        return forward(session, request, reply, ctx.logger);
      },
    });
  }
  methodNotAllowed(app, ctx, ['PUT', 'PATCH', 'HEAD', 'OPTIONS'], 'POST, GET, DELETE');
}
