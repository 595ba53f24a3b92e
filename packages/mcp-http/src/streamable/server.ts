import type { Runtime } from '@synapsor/core';
import { SynapsorError } from '@synapsor/core';
import type { FastifyInstance } from 'fastify';
import { createBaseApp, defaultLogger, type HttpServerHandle } from '../app.js';
import { resolveHttpOptions, type HttpServerOptions } from '../options.js';
import { withRequestTimeout } from '../timeout.js';
import { rpcRefusal, type LiveSession } from './forward.js';
import { SessionRegistry } from './sessions.js';
import { statefulRoutes } from './stateful.js';
import { statelessRoutes } from './stateless.js';

export interface StreamableHttpOptions extends HttpServerOptions {
  stateless?: boolean;
  /** Idle TTL of a session in seconds (default 900). */
  sessionTtlSeconds?: number;
  /** Session cap; at the cap the least recently used session is closed (default 1000). */
  maxSessions?: number;
}

export interface StreamableHttpServer extends HttpServerHandle {
  /** Live session count (0 in stateless mode). */
  sessionCount(): number;
}

/**
 * JSON is the only body type (anything else is 415). GET and DELETE carry no body even when a
 * client sends `Content-Type: application/json`, so an empty body is not a parse error.
 */
function jsonBodiesOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    return parseJson(request, body.toString(), done);
  });
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new SynapsorError('HTTP_OPTION_INVALID', `${name} must be a positive integer`);
  return value;
}

/** MCP Streamable HTTP on fastify (default 127.0.0.1:8766, endpoint `/mcp`). */
export function createStreamableHttpServer(runtime: Runtime, options: StreamableHttpOptions): StreamableHttpServer {
  const resolved = resolveHttpOptions(options, 'streamable-http', 8766);
  const ttlMs = positiveInteger('session TTL (s)', options.sessionTtlSeconds ?? 900) * 1000;
  const maxSessions = positiveInteger('max sessions', options.maxSessions ?? 1000);
  const registry = new SessionRegistry<LiveSession>({
    ttlMs,
    maxSessions,
    nowMs: resolved.nowMs,
    closeValue: (session) => session.server.close().catch(() => undefined),
  });
  let sweeper: NodeJS.Timeout | undefined;

  const health = () => ({ tools: runtime.listTools().length, sessions: registry.size });
  const base = createBaseApp(runtime, resolved, defaultLogger(options), health, {
    onUnparsableBody: (reply) => rpcRefusal(reply, 400, -32700, 'Parse error'),
    afterListen: () => {
      sweeper = setInterval(() => registry.sweep(), Math.min(ttlMs, 60_000));
      sweeper.unref();
    },
    beforeClose: async () => {
      if (sweeper) clearInterval(sweeper);
      await registry.closeAll();
    },
  });
  jsonBodiesOnly(base.app);
  const timed = withRequestTimeout(runtime, resolved.requestTimeoutMs);
  if (options.stateless) statelessRoutes(base.app, base.ctx, timed);
  else statefulRoutes(base.app, base.ctx, { runtime: timed, registry });

  const { ctx: _ctx, ...handle } = base;
  return { ...handle, sessionCount: () => registry.size };
}
