import { SynapsorError } from '@synapsor/core';
import type { McpLogger, TransportName } from '@synapsor/core/mcp';

export const DEFAULT_TOKEN_ENV = 'SYNAPSOR_RUNNER_HTTP_TOKEN';
export const MIN_TOKEN_LENGTH = 32;
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

/** Options shared by the Streamable HTTP transport and the JSON-RPC bridge. */
export interface HttpServerOptions {
  version: string;
  host?: string;
  port?: number;
  /** Name of the env var holding the bearer token (default `SYNAPSOR_RUNNER_HTTP_TOKEN`). */
  authTokenEnv?: string;
  /** Env map the token is read from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  devNoAuth?: boolean;
  allowedHosts?: readonly string[];
  allowedOrigins?: readonly string[];
  /** Token bucket per token; `0` (or a zero rate) disables. Default 50/s, burst 100. */
  rateLimit?: RateLimitOptions | 0;
  requestTimeoutMs?: number;
  logger?: McpLogger;
  /** Level of the default stderr logger when no `logger` is given; default `info`. */
  logLevel?: string;
  configPath?: string;
  storePath?: string;
  /** Clock for rate limiting and session TTLs (tests); default `Date.now`. */
  nowMs?: () => number;
}

export interface ResolvedHttpOptions {
  transport: Exclude<TransportName, 'stdio'>;
  version: string;
  host: string;
  port: number;
  authTokenEnv: string;
  /** `null` under `--dev-no-auth`. */
  token: string | null;
  allowedHosts: readonly string[];
  allowedOrigins: ReadonlySet<string>;
  rateLimit: RateLimitOptions | null;
  requestTimeoutMs: number;
  nowMs: () => number;
  warnings: string[];
  configPath?: string;
  storePath?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function invalid(message: string): SynapsorError {
  return new SynapsorError('HTTP_OPTION_INVALID', message);
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function normalizeOrigin(origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw invalid('each allowed origin must be an origin such as https://app.example');
  }
  if (parsed.origin === 'null' || parsed.origin !== origin.replace(/\/$/, '').toLowerCase()) {
    throw invalid('each allowed origin must be scheme://host[:port] with no path');
  }
  return parsed.origin;
}

function resolveRateLimit(option: HttpServerOptions['rateLimit']): RateLimitOptions | null {
  if (option === undefined) return { perSecond: 50, burst: 100 };
  if (option === 0 || option.perSecond === 0) return null;
  integerIn('rate limit per second', option.perSecond, 1, 1_000_000);
  integerIn('rate limit burst', option.burst, 1, 1_000_000);
  return { perSecond: option.perSecond, burst: option.burst };
}

/**
 * Validates options and applies the start refusals of mcp.md. Throws `SynapsorError` with
 * `HTTP_AUTH_TOKEN_MISSING`, `HTTP_DEV_NO_AUTH_UNSAFE_HOST`, `HTTP_ALLOWED_HOST_REQUIRED` or
 * `HTTP_OPTION_INVALID`; messages name env vars, never their values.
 */
export function resolveHttpOptions(
  options: HttpServerOptions,
  transport: ResolvedHttpOptions['transport'],
  defaultPort: number,
): ResolvedHttpOptions {
  const host = options.host ?? '127.0.0.1';
  const port = integerIn('port', options.port ?? defaultPort, 0, 65535);
  const authTokenEnv = options.authTokenEnv ?? DEFAULT_TOKEN_ENV;
  const allowedHosts = (options.allowedHosts ?? []).map((value) => value.toLowerCase());
  const warnings: string[] = [];

  let token: string | null = null;
  if (options.devNoAuth) {
    if (!isLoopbackHost(host)) {
      throw new SynapsorError('HTTP_DEV_NO_AUTH_UNSAFE_HOST', '--dev-no-auth is only allowed on a loopback host');
    }
  } else {
    const value = (options.env ?? process.env)[authTokenEnv];
    if (value === undefined || value === '') {
      throw new SynapsorError('HTTP_AUTH_TOKEN_MISSING', `env ${authTokenEnv} must hold the HTTP bearer token`);
    }
    token = value;
    if (value.length < MIN_TOKEN_LENGTH) {
      warnings.push(`the token in env ${authTokenEnv} is shorter than ${MIN_TOKEN_LENGTH} characters`);
    }
  }
  if (WILDCARD.has(host)) {
    if (allowedHosts.length === 0) {
      throw new SynapsorError('HTTP_ALLOWED_HOST_REQUIRED', `host ${host} listens on every interface; pass --allowed-host`);
    }
    warnings.push(`listening on every interface (${host}); only the allowed hosts are accepted`);
  }
  const requestTimeoutMs = integerIn('request timeout (ms)', options.requestTimeoutMs ?? 30_000, 1, 3_600_000);

  return {
    transport,
    version: options.version,
    host,
    port,
    authTokenEnv,
    token,
    allowedHosts,
    allowedOrigins: new Set((options.allowedOrigins ?? []).map(normalizeOrigin)),
    rateLimit: resolveRateLimit(options.rateLimit),
    requestTimeoutMs,
    nowMs: options.nowMs ?? Date.now,
    warnings,
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    ...(options.storePath === undefined ? {} : { storePath: options.storePath }),
  };
}
