import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createWritebackHandler } from './create.js';
import { DEFAULTS, failure, type HandlerOptions } from './options.js';

export interface FastifyWritebackOptions extends HandlerOptions {
  /** Route path; default `/synapsor/writeback`. */
  path?: string;
}

/**
 * Registers the writeback route with the raw body kept as bytes (the signature covers the
 * exact bytes). Register it unwrapped (no fastify-plugin) so the raw-body parser stays scoped.
 */
export const fastifyWritebackPlugin: FastifyPluginAsync<FastifyWritebackOptions> = async (app: FastifyInstance, options) => {
  const handle = createWritebackHandler(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes + 1 }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode === 413 ? 413 : 500;
    const response = failure(status, status === 413 ? 'BODY_TOO_LARGE' : 'HANDLER_EXCEPTION');
    void reply.code(response.status).send(response.body);
  });
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: options.path ?? '/synapsor/writeback',
    handler: async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const response = await handle({ method: request.method, headers: request.headers, rawBody });
      return reply.code(response.status).send(response.body);
    },
  });
};
