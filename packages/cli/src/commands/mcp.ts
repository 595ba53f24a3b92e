import type { Command } from 'commander';
import type { AliasMode, ResultFormat } from '@synapsor/core';
import type { CliContext, CommandGroup, GlobalOptions } from '../support/command.js';
import { action } from '../support/command.js';
import { aliasModeFlag, choiceFlag, collect, integerFlag, rateLimitFlag, resultFormatFlag } from '../support/flags.js';
import { takeServingLease } from '../support/lease.js';
import { wireRuntime } from '../support/runtime.js';
import { serveOverHttp, serveOverStdio, type HttpFlags } from '../support/serve.js';
import { registerBoundaryCommand } from './tools.js';
import { registerMcpConfig } from './mcp-config.js'; // onboarding (issue 8): `mcp config`

type Transport = 'stdio' | 'streamable-http' | 'http';

interface ServeFlags extends HttpFlags {
  transport?: Transport;
  aliasMode?: AliasMode;
  resultFormat?: ResultFormat;
  readOnly?: boolean;
  envFile?: string;
  allowConcurrentStore?: boolean;
}

function runtimeFlags(command: Command): Command {
  return command
    .option('--alias-mode <mode>', 'tool names: canonical, openai or both', aliasModeFlag)
    .option('--result-format <format>', 'result envelope: 1, 2, v1 or v2', resultFormatFlag)
    .option('--read-only', 'force mode read_only (proposal tools hidden)')
    .option('--env-file <file>', 'load KEY=VALUE lines into the runtime env (process env wins)')
    .option('--allow-concurrent-store', 'serve even if another server holds the store lease (no lease written)');
}

function httpFlags(command: Command, defaultPort: number): Command {
  return command
    .option('--host <host>', 'bind host', '127.0.0.1')
    .option('--port <port>', `bind port (default ${defaultPort})`, integerFlag('--port', 0, 65535))
    .option('--auth-token-env <name>', 'env var holding the bearer token (default SYNAPSOR_RUNNER_HTTP_TOKEN)')
    .option('--dev-no-auth', 'disable auth (loopback hosts only)')
    .option('--allowed-host <host>', 'extra allowed Host header value (repeatable)', collect)
    .option('--allowed-origin <origin>', 'allowed Origin (repeatable; none by default)', collect)
    .option('--rate-limit <r/b>', 'token bucket per token: per-second/burst, 0 disables (default 50/100)', rateLimitFlag)
    .option('--request-timeout-ms <ms>', 'per-request timeout (default 30000)', integerFlag('--request-timeout-ms', 1, 3_600_000));
}

function streamableFlags(command: Command): Command {
  return command
    .option('--stateless', 'no sessions: each POST answered on its own')
    .option('--session-ttl <seconds>', 'idle session TTL (default 900)', integerFlag('--session-ttl', 1, 86_400 * 30))
    .option('--max-sessions <n>', 'session cap (default 1000)', integerFlag('--max-sessions', 1, 1_000_000));
}

/** Wires the runtime, takes the lease, serves until stdin closes or a signal; always cleans up. */
async function serve(context: CliContext, options: ServeFlags & GlobalOptions, transport: Transport): Promise<void> {
  const wired = await wireRuntime(context.io, options, {
    ...(options.envFile ? { envFile: options.envFile } : {}),
    ...(options.aliasMode ? { aliasMode: options.aliasMode } : {}),
    ...(options.resultFormat ? { resultFormat: options.resultFormat } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
  });
  let lease;
  try {
    lease = await takeServingLease(context.io, wired.storePath, transport, Boolean(options.allowConcurrentStore));
  } catch (error) {
    await wired.runtime.close();
    throw error;
  }
  try {
    if (transport === 'stdio') await serveOverStdio(context, wired, lease);
    else await serveOverHttp(context, wired, lease, transport, options);
  } catch (error) {
    await wired.runtime.close();
    lease.release();
    throw error;
  }
}

export const registerMcp: CommandGroup = (program, context) => {
  const mcp = program.command('mcp').description('serve the reviewed tools to MCP clients');

  runtimeFlags(
    streamableFlags(
      httpFlags(
        mcp
          .command('serve')
          .description('serve over stdio (default) or --transport streamable-http|http')
          .option('--transport <transport>', 'stdio, streamable-http or http (JSON-RPC bridge)', choiceFlag<Transport>('--transport', ['stdio', 'streamable-http', 'http'])),
        8766,
      ),
    ),
  ).action(
    action<ServeFlags>(context, async (options) => {
      const transport = options.transport ?? 'stdio';
      const port = options.port ?? (transport === 'http' ? 8765 : 8766);
      await serve(context, { ...options, port }, transport);
    }),
  );

  runtimeFlags(streamableFlags(httpFlags(mcp.command('serve-streamable-http').description('MCP Streamable HTTP on /mcp (default 127.0.0.1:8766)'), 8766))).action(
    action<ServeFlags>(context, async (options) => serve(context, { ...options, port: options.port ?? 8766 }, 'streamable-http')),
  );

  runtimeFlags(httpFlags(mcp.command('serve-http').description('JSON-RPC bridge on /mcp (default 127.0.0.1:8765); not an MCP transport'), 8765)).action(
    action<ServeFlags>(context, async (options) => serve(context, { ...options, port: options.port ?? 8765 }, 'http')),
  );

  registerBoundaryCommand(mcp.command('smoke').description('alias of `smoke boundary`'), context);
  registerMcpConfig(mcp, context); // onboarding (issue 8): `mcp config` / `mcp client-config`, owned by commands/mcp-config.ts
};
