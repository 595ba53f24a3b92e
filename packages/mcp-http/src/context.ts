import type { McpLogger } from '@synapsor/core/mcp';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedHttpOptions } from './options.js';

/** What every guard plugin needs: resolved options, the logger and the port actually bound. */
export interface GuardContext {
  readonly options: ResolvedHttpOptions;
  readonly logger: McpLogger;
  /** The listening port (known after `listen()`; the configured port before). */
  boundPort(): number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Rate-limit and session-binding key: sha256 of the bearer token, or `addr:<ip>` in dev. */
    callerKey: string;
  }
}

/** Answers with the spec's `{ok: false, error}` body and logs the refusal (no headers, no URL). */
export function refuse(
  ctx: GuardContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): FastifyReply {
  ctx.logger.debug({ event: 'http_refused', status, error, method: request.method, route: request.routeOptions.url ?? null });
  return reply.code(status).headers(headers).send({ ok: false, error });
}
