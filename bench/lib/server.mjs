// Real `synapsor-runner` server processes driven by the MCP SDK client, exactly as an MCP host
// would run them. Every spawned process is tracked and killed by pid in `stop()`/`close()`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CLI_BIN } from './paths.mjs';

const CLIENT_INFO = { name: 'synapsor-bench', version: '1' };
const STDERR_TAIL = 64 * 1024;

function childEnv(extra) {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extra };
}

async function waitForExit(pid, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (pid && Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // Still alive after the grace period: this process started it, so end it by its pid.
  try {
    if (pid) process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Spawns `mcp serve` (stdio) for `workspace` and connects an SDK client (initialize done).
 * `nodeArgs` lets a measure add e.g. `--cpu-prof`; `bin` swaps the CLI build (what-if builds).
 */
export function connectStdio(workspace, { storePath = workspace.storePath, nodeArgs = [], env = {}, bin = CLI_BIN } = {}) {
  return connectStdioArgs([...nodeArgs, bin, 'mcp', 'serve', '--config', workspace.configPath, '--store', storePath], { ...workspace.env, ...env });
}

/** Any `node <args>` stdio MCP server (e.g. the no-op floor server) with an SDK client. */
export async function connectStdioArgs(args, env = {}) {
  const transport = new StdioClientTransport({ command: process.execPath, args, env: childEnv(env), stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client(CLIENT_INFO);
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => undefined);
    // The server's own stderr says why (refused config, store, lease…); keep it with the error.
    throw new Error(`stdio server did not start: ${error instanceof Error ? error.message : error}\n${stderr.trim()}`);
  }
  const pid = transport.pid;
  return {
    client,
    pid,
    stderr: () => stderr,
    // Closing stdin makes the server exit 0 (mcp.md); the SDK kills it if it lingers. Waiting for
    // the pid to disappear keeps runs from overlapping (the next one would meet a live lease).
    close: async () => {
      await client.close();
      await waitForExit(pid);
    },
  };
}

/** Calls a tool and returns the v2 envelope (structuredContent). */
export async function callTool(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  return result.structuredContent;
}

/**
 * Starts `mcp serve-streamable-http --port 0 --rate-limit 0` (or `subcommand`, e.g. the
 * `serve-http` JSON-RPC bridge) and waits for its startup line with
 * the bound URL (port 0 → no collisions with other engineers' servers).
 */
export async function startHttpServer(workspace, { nodeArgs = [], timeoutMs = 20_000, subcommand = 'serve-streamable-http' } = {}) {
  const token = randomBytes(24).toString('hex');
  const child = spawn(
    process.execPath,
    [...nodeArgs, CLI_BIN, 'mcp', subcommand, '--config', workspace.configPath, '--store', workspace.storePath, '--port', '0', '--rate-limit', '0'],
    { env: childEnv({ ...workspace.env, SYNAPSOR_LOG_LEVEL: 'info', SYNAPSOR_RUNNER_HTTP_TOKEN: token }), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  let listening = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HTTP server did not start in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString('utf8');
      // The server logs one line per call: once listening, keep only a tail and stop matching
      // (re-scanning the whole growing log per chunk cost the client side ~17 % of its CPU).
      if (listening) {
        if (stderr.length > STDERR_TAIL * 2) stderr = stderr.slice(-STDERR_TAIL);
        return;
      }
      const match = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`HTTP server exited before listening:\n${stderr}`));
    });
  });
  return {
    url,
    token,
    pid: child.pid,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export async function connectHttp(server) {
  const client = new Client(CLIENT_INFO);
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${server.token}` } } }));
  return client;
}
