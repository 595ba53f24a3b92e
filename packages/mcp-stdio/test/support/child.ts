// Drives a spawned stdio server with raw newline-delimited JSON-RPC, collecting every byte.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { packagesDir } from '../../../../scripts/bundle-for-node.mjs';

/** The server the tests and bench spawn; bundle it first (bundleForNode), Node 20 cannot run .ts. */
export const STDIO_FIXTURE = join(packagesDir, 'mcp-stdio/test/fixtures/stdio-server.ts');

export interface ServerChild {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Sends one request and resolves with the response carrying the same id. */
  request(id: number, method: string, params?: unknown): Promise<Record<string, unknown>>;
  notify(method: string): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnServer(script: string, env: Record<string, string> = {}): ServerChild {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  const waiters = new Map<number, (message: Record<string, unknown>) => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      const message = JSON.parse(line) as Record<string, unknown>;
      waiters.get(message.id as number)?.(message);
    }
  });
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    request(id, method, params) {
      const reply = new Promise<Record<string, unknown>>((resolve) => waiters.set(id, resolve));
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })}\n`);
      return reply;
    },
    notify(method) {
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method })}\n`);
    },
  };
}

export const INITIALIZE_PARAMS = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'raw-test', version: '1' },
};
