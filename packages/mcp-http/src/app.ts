import type { AddressInfo } from 'node:net';
import type { Runtime } from '@synapsor/core';
import { attachCallLogger, describeStartup, scheduleExpiry, type McpLogger } from '@synapsor/core/mcp';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type HTTPMethods } from 'fastify';
import { destination, pino } from 'pino';
import { refuse, type GuardContext } from './context.js';
import { authGuard, HEALTHZ_PATH } from './guards/auth.js';
import { bodyErrorStatus, bodyLimitGuard } from './guards/body-limit.js';
import { corsGuard } from './guards/cors.js';
import { hostOriginGuard } from './guards/host-origin.js';
import { rateLimitGuard } from './guards/rate-limit.js';
import { BODY_LIMIT_BYTES, type HttpServerOptions, type ResolvedHttpOptions } from './options.js';

export const MCP_PATH = '/mcp';

/** What both `create*Server` functions return. */
export interface HttpServerHandle {
  app: FastifyInstance;
  /** Binds the socket; `url` is the `/mcp` endpoint (host and port only). */
  listen(): Promise<{ url: string }>;
  /** Closes sessions, the socket and the runtime's transports (not the runtime itself). */
  close(): Promise<void>;
  /** The stderr startup lines (mcp.md "Startup output"); call after `listen()`. */
  startupLines(): string[];
}

export interface BaseAppHooks {
  /** Answers a body that is not valid JSON (Streamable HTTP: 400 -32700). */
  onUnparsableBody(reply: FastifyReply): FastifyReply;
  /** Runs once the socket is bound (e.g. starting a sweeper). */
  afterListen?(): void;
  /** Runs before the socket closes (e.g. closing sessions). */
  beforeClose?(): Promise<void>;
  /** Extra startup warnings, e.g. the bridge's "not an MCP transport" notice. */
  startupWarnings?: readonly string[];
}

export function defaultLogger(options: HttpServerOptions): McpLogger {
  return options.logger ?? pino({ level: options.logLevel ?? 'info' }, destination({ dest: 2, sync: false }));
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * A fastify app with the step table's guards installed in order (Host → Origin → CORS → auth
 * → rate limit → body) plus `/healthz`, the 404 handler and body-error mapping. Transports add
 * their `/mcp` routes on top.
 */
export function createBaseApp(
  runtime: Runtime,
  options: ResolvedHttpOptions,
  logger: McpLogger,
  health: () => Record<string, unknown>,
  hooks: BaseAppHooks,
): HttpServerHandle & { ctx: GuardContext } {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: options.requestTimeoutMs,
    forceCloseConnections: true,
    return503OnClosing: true,
    exposeHeadRoutes: false,
  });
  let port = options.port;
  const ctx: GuardContext = { options, logger, boundPort: () => port };

  hostOriginGuard(app, ctx);
  corsGuard(app);
  authGuard(app, ctx);
  rateLimitGuard(app, ctx);
  bodyLimitGuard(app, ctx);

  app.get(HEALTHZ_PATH, async () => ({ ok: true, transport: options.transport, mode: runtime.mode, ...health() }));
  app.setNotFoundHandler((request, reply) => refuse(ctx, request, reply, 404, 'not_found'));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = bodyErrorStatus(error);
    if (mapped) return refuse(ctx, request, reply, mapped.status, mapped.error);
    if (error.statusCode === 400) return hooks.onUnparsableBody(reply);
    logger.error({ event: 'http_handler_failed', error: error.name, code: error.code ?? null });
    return reply.code(500).send({ ok: false, error: 'internal' });
  });

  let url = '';
  // While serving: one log line per call, and due proposals expire every 60 s.
  let stopServing = () => {};
  return {
    app,
    ctx,
    async listen() {
      await app.listen({ host: options.host, port: options.port });
      port = (app.server.address() as AddressInfo).port;
      url = `http://${urlHost(options.host)}:${port}${MCP_PATH}`;
      for (const warning of options.warnings) logger.warn({ event: 'http_start_warning', warning });
      const detach = attachCallLogger(runtime, logger);
      const stopExpiry = scheduleExpiry(runtime, logger);
      stopServing = () => {
        detach();
        stopExpiry();
      };
      hooks.afterListen?.();
      return { url };
    },
    async close() {
      stopServing();
      await hooks.beforeClose?.();
      await app.close();
    },
    startupLines() {
      return describeStartup(runtime, {
        version: options.version,
        transport: options.transport,
        url,
        authTokenEnv: options.token === null ? null : options.authTokenEnv,
        ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
        ...(options.storePath === undefined ? {} : { storePath: options.storePath }),
        warnings: [...(hooks.startupWarnings ?? []), ...options.warnings],
      });
    },
  };
}

/** Registers `methods` on `path` as 405 with an `Allow` header (route step of the table). */
export function methodNotAllowed(app: FastifyInstance, ctx: GuardContext, methods: HTTPMethods[], allow: string): void {
  app.route({
    method: methods,
    url: MCP_PATH,
    handler: (request, reply) => refuse(ctx, request, reply, 405, 'method_not_allowed', { Allow: allow }),
  });
}
