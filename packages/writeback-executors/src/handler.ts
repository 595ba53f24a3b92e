// @synapsor/writeback-executors/handler — helper for app-owned HTTP writeback handlers.
export { verifyWritebackRequest, type VerifyResult } from './handler/verify.js';
export { createWritebackHandler } from './handler/create.js';
export { fastifyWritebackPlugin, type FastifyWritebackOptions } from './handler/fastify.js';
export { signHandlerRequest } from './handler/sign.js';
export { HandlerConflict } from './handler/conflict.js';
export { migrateHandlerReceipts } from './handler/migrate.js';
export { WritebackRequestSchema, type WritebackRequest } from './handler/request-schema.js';
export type {
  ActionResult,
  HandlerInput,
  HandlerOptions,
  HandlerResponse,
  VerifyOptions,
  WritebackAction,
} from './handler/options.js';
