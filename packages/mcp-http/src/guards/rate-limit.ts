import type { FastifyInstance } from 'fastify';
import { refuse, type GuardContext } from '../context.js';
import { TokenBuckets } from './token-bucket.js';

/**
 * Step 5: token bucket per caller key (token hash; remote address under `--dev-no-auth`).
 * `@fastify/rate-limit` counts fixed windows (max per window) and cannot express the spec's
 * refill rate plus separate burst, hence this small bucket.
 */
export function rateLimitGuard(app: FastifyInstance, ctx: GuardContext): void {
  const limit = ctx.options.rateLimit;
  if (limit === null) return;
  const buckets = new TokenBuckets(limit, ctx.options.nowMs);
  app.addHook('onRequest', async (request, reply) => {
    const waitSeconds = buckets.take(request.callerKey);
    if (waitSeconds === 0) return undefined;
    return refuse(ctx, request, reply, 429, 'rate_limited', { 'Retry-After': String(waitSeconds) });
  });
}
