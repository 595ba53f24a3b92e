import type { Runtime } from '@synapsor/core';
import type { HttpServerHandle } from '@synapsor/mcp-http';
import type { CliContext } from './command.js';
import { CliError, refusalsAsFailures } from './errors.js';
import type { HeldLease } from './lease.js';
import type { WiredRuntime } from './runtime.js';

export interface HttpFlags {
  host?: string;
  port?: number;
  authTokenEnv?: string;
  devNoAuth?: boolean;
  allowedHost?: string[];
  allowedOrigin?: string[];
  rateLimit?: { perSecond: number; burst: number } | 0;
  stateless?: boolean;
  sessionTtl?: number;
  maxSessions?: number;
  requestTimeoutMs?: number;
}

/** Resolves once SIGINT or SIGTERM arrives (HTTP servers run until told to stop). */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

// Each transport package is imported by its own serve path, so stdio serving never loads
// fastify and the SDK's HTTP transport, nor HTTP serving the stdio one (cold start).
export async function serveOverStdio(context: CliContext, wired: WiredRuntime, lease: HeldLease): Promise<void> {
  const { serveStdio } = await import('@synapsor/mcp-stdio');
  const handle = await serveStdio(wired.runtime, {
    version: context.version,
    logLevel: context.io.env.SYNAPSOR_LOG_LEVEL ?? 'info',
    configPath: wired.loaded.path,
    storePath: wired.storePath,
    onClose: () => lease.release(),
  });
  await handle.closed;
}

async function httpServer(runtime: Runtime, transport: 'streamable-http' | 'http', context: CliContext, wired: WiredRuntime, flags: HttpFlags): Promise<HttpServerHandle> {
  const { createJsonRpcBridgeServer, createStreamableHttpServer } = await import('@synapsor/mcp-http');
  const common = {
    version: context.version,
    env: wired.env,
    logLevel: context.io.env.SYNAPSOR_LOG_LEVEL ?? 'info',
    configPath: wired.loaded.path,
    storePath: wired.storePath,
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.authTokenEnv !== undefined ? { authTokenEnv: flags.authTokenEnv } : {}),
    ...(flags.devNoAuth ? { devNoAuth: true } : {}),
    ...(flags.allowedHost ? { allowedHosts: flags.allowedHost } : {}),
    ...(flags.allowedOrigin ? { allowedOrigins: flags.allowedOrigin } : {}),
    ...(flags.rateLimit !== undefined ? { rateLimit: flags.rateLimit } : {}),
    ...(flags.requestTimeoutMs !== undefined ? { requestTimeoutMs: flags.requestTimeoutMs } : {}),
  };
  if (transport === 'http') return createJsonRpcBridgeServer(runtime, common);
  return createStreamableHttpServer(runtime, {
    ...common,
    ...(flags.stateless ? { stateless: true } : {}),
    ...(flags.sessionTtl !== undefined ? { sessionTtlSeconds: flags.sessionTtl } : {}),
    ...(flags.maxSessions !== undefined ? { maxSessions: flags.maxSessions } : {}),
  });
}

/**
 * Streamable HTTP or the JSON-RPC bridge until SIGINT/SIGTERM; then the server, the runtime
 * (pools + ledger) and the lease are closed in that order.
 */
export async function serveOverHttp(
  context: CliContext,
  wired: WiredRuntime,
  lease: HeldLease,
  transport: 'streamable-http' | 'http',
  flags: HttpFlags,
): Promise<void> {
  const server = await refusalsAsFailures(() => httpServer(wired.runtime, transport, context, wired, flags));
  try {
    await refusalsAsFailures(() => server.listen());
  } catch (error) {
    await server.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError('PORT_IN_USE', 'the port is already in use; pass --port');
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new CliError('LISTEN_FAILED', 'cannot listen on that host and port');
    throw error;
  }
  context.io.stderr(`${server.startupLines().join('\n')}\n`);
  const signal = await untilSignal();
  context.io.stderr(`stopping (${signal})\n`);
  await server.close().catch(() => undefined);
  await wired.runtime.close();
  lease.release();
}
