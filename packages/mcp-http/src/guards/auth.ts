import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { refuse, type GuardContext } from '../context.js';

export const HEALTHZ_PATH = '/healthz';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Constant-time bearer check: both sides are hashed first so the comparison never depends on
 * the length or content of the presented token.
 */
export function createTokenVerifier(token: string): (presented: string) => boolean {
  const expected = sha256(token);
  return (presented) => timingSafeEqual(sha256(presented), expected);
}

function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Step 4: bearer auth on everything except `/healthz`. Sets `request.callerKey` (token hash, or
 * the remote address under `--dev-no-auth`) for the rate limiter and session binding.
 */
export function authGuard(app: FastifyInstance, ctx: GuardContext): void {
  const token = ctx.options.token;
  const verify = token === null ? undefined : createTokenVerifier(token);
  // Only the configured token passes, so every authenticated caller has this key: computed once
  // instead of hashing the presented token a second time on each request.
  const tokenCallerKey = token === null ? '' : `tok:${sha256(token).toString('hex')}`;
  app.decorateRequest('callerKey', '');
  app.addHook('onRequest', async (request, reply) => {
    if (verify === undefined || request.routeOptions.url === HEALTHZ_PATH) {
      request.callerKey = `addr:${request.ip}`;
      return undefined;
    }
    const presented = bearerOf(request.headers.authorization);
    if (presented === undefined || !verify(presented)) {
      return refuse(ctx, request, reply, 401, 'unauthorized', { 'WWW-Authenticate': 'Bearer' });
    }
    request.callerKey = tokenCallerKey;
    return undefined;
  });
}
