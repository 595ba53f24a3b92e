import type { FastifyError, FastifyInstance } from 'fastify';
import { refuse, type GuardContext } from '../context.js';
import { BODY_LIMIT_BYTES } from '../options.js';

/**
 * Step 6: bodies over 1 MiB. A declared Content-Length is refused before any byte is read;
 * chunked bodies are cut off by fastify's `bodyLimit`, which `bodyErrorStatus` maps to 413.
 */
export function bodyLimitGuard(app: FastifyInstance, ctx: GuardContext): void {
  app.addHook('onRequest', async (request, reply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT_BYTES) return refuse(ctx, request, reply, 413, 'payload_too_large', { Connection: 'close' });
    return undefined;
  });
}

/** Body-stage failures fastify raises, as spec-shaped refusals; `undefined` for anything else. */
export function bodyErrorStatus(error: FastifyError): { status: number; error: string } | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return { status: 413, error: 'payload_too_large' };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
    return { status: 415, error: 'unsupported_media_type' };
  }
  return undefined;
}
