import type { FastifyInstance } from 'fastify';

const ALLOW_METHODS = 'POST, GET, DELETE, OPTIONS';
const ALLOW_HEADERS = 'authorization, content-type, mcp-session-id, mcp-protocol-version, last-event-id';

/**
 * Step 3: CORS, only for origins the Origin step already accepted (never `*`). Headers are set
 * on the raw response so they also reach responses the SDK transport writes itself.
 */
export function corsGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return undefined;
    reply.raw.setHeader('Access-Control-Allow-Origin', origin);
    reply.raw.setHeader('Vary', 'Origin');
    reply.raw.setHeader('Access-Control-Expose-Headers', 'mcp-session-id');
    if (request.method !== 'OPTIONS') return undefined;
    reply.raw.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
    reply.raw.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
    reply.raw.setHeader('Access-Control-Max-Age', '600');
    return reply.code(204).send();
  });
}
