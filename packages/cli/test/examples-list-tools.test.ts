// The OpenAI Agents examples promise to list the runner's tools without an API key: run their
// list-tools scripts for real against the built bin (stdio) and a running HTTP server.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REFERENCE_DIR, baseEnv, startCli, tempDir } from './helpers/cli.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const ALIASES = [
  'support__inspect_ticket',
  'support__propose_ticket_resolution',
  'support__inspect_customer_account',
  'support__propose_plan_credit',
  'billing__inspect_invoice',
  'billing__propose_late_fee_waiver',
  'orders__inspect_order',
  'orders__propose_status_change',
];

function runNode(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function referenceFolder(): string {
  const dir = tempDir('synapsor-examples-');
  cleanups.push(() => dir.remove());
  copyFileSync(join(REFERENCE_DIR, 'synapsor.runner.json'), join(dir.path, 'synapsor.runner.json'));
  return dir.path;
}

function listedNames(stdout: string): string[] {
  return stdout.trim().split('\n').map((line) => line.split(/\s+/)[0] ?? '');
}

describe('examples: list tools without an OpenAI key', () => {
  it('openai-agents-stdio/list-tools.mjs spawns the runner and lists the OpenAI-style aliases', async () => {
    const cwd = referenceFolder();
    const result = await runNode(join(EXAMPLES, 'openai-agents-stdio/list-tools.mjs'), cwd, baseEnv({ SYNAPSOR_RUNNER_BIN: BIN }));
    expect(result.code).toBe(0);
    expect(listedNames(result.stdout)).toEqual(ALIASES);
  });

  it('openai-agents-http/list-tools.mjs lists the tools of a running Streamable HTTP server', async () => {
    const cwd = referenceFolder();
    const token = 'example-token-0123456789abcdef0123456789';
    const server = startCli(['mcp', 'serve-streamable-http', '--port', '0', '--alias-mode', 'openai'], {
      cwd,
      env: baseEnv({ SYNAPSOR_RUNNER_HTTP_TOKEN: token }),
    });
    cleanups.push(() => server.stop());
    await server.waitForStderr('/mcp');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(server.stderr())?.[1];
    expect(url).toBeDefined();
    const result = await runNode(
      join(EXAMPLES, 'openai-agents-http/list-tools.mjs'),
      cwd,
      baseEnv({ SYNAPSOR_RUNNER_HTTP_URL: url!, SYNAPSOR_RUNNER_HTTP_TOKEN: token }),
    );
    expect(result.code).toBe(0);
    expect(listedNames(result.stdout)).toEqual(ALIASES);
  });
});
