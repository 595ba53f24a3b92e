export { createStreamableHttpServer, type StreamableHttpOptions, type StreamableHttpServer } from './streamable/server.js';
export { createJsonRpcBridgeServer, BRIDGE_WARNING } from './bridge/server.js';
export { dispatchBridgeRequest, type RpcResponse } from './bridge/dispatch.js';
export { createScrubber, REDACTED_DATABASE_URL, REDACTED_TOKEN } from './bridge/scrub.js';
export type { HttpServerHandle } from './app.js';
export {
  DEFAULT_TOKEN_ENV,
  MIN_TOKEN_LENGTH,
  BODY_LIMIT_BYTES,
  resolveHttpOptions,
  isLoopbackHost,
  type HttpServerOptions,
  type RateLimitOptions,
  type ResolvedHttpOptions,
} from './options.js';
export { createTokenVerifier } from './guards/auth.js';
export { TokenBuckets } from './guards/token-bucket.js';
export { SessionRegistry, SESSION_ID_PATTERN } from './streamable/sessions.js';
export { withRequestTimeout } from './timeout.js';
