import type { FastifyInstance } from 'fastify';
import { refuse, type GuardContext } from '../context.js';

function hostWithPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Host header values accepted for the bound port (mcp.md step "Host"). */
export function allowedHostHeaders(ctx: GuardContext, port: number): Set<string> {
  const allowed = new Set(
    ['127.0.0.1', 'localhost', '::1', ctx.options.host].map((host) => hostWithPort(host.toLowerCase(), port)),
  );
  for (const value of ctx.options.allowedHosts) {
    allowed.add(value);
    // A value without a port also matches it on the bound port.
    if (!/:\d+$/.test(value)) allowed.add(hostWithPort(value, port));
  }
  return allowed;
}

/**
 * Steps 1 and 2: Host, then Origin. Runs before anything else (auth, parsing) so DNS-rebinding
 * and cross-site requests are refused without touching the runtime.
 */
export function hostOriginGuard(app: FastifyInstance, ctx: GuardContext): void {
  let cached: { port: number; hosts: Set<string> } | undefined;
  const hosts = (): Set<string> => {
    const port = ctx.boundPort();
    if (cached?.port !== port) cached = { port, hosts: allowedHostHeaders(ctx, port) };
    return cached.hosts;
  };

  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host?.toLowerCase();
    if (host === undefined || !hosts().has(host)) return refuse(ctx, request, reply, 403, 'forbidden_host');
    const origin = request.headers.origin;
    if (origin !== undefined && !ctx.options.allowedOrigins.has(origin.toLowerCase())) {
      return refuse(ctx, request, reply, 403, 'forbidden_origin');
    }
    return undefined;
  });
}
