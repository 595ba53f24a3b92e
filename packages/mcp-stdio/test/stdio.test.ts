import { rmSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
import { INITIALIZE_PARAMS, spawnServer, STDIO_FIXTURE, type ServerChild } from './support/child.js';

let script: string;
const children: ServerChild[] = [];
beforeAll(async () => {
  script = await bundleForNode(STDIO_FIXTURE);
});
afterAll(() => {
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (script) rmSync(script, { force: true });
});

function start(env: Record<string, string> = {}): ServerChild {
  const server = spawnServer(script, env);
  children.push(server);
  return server;
}

async function initialize(server: ServerChild): Promise<Record<string, unknown>> {
  const reply = await server.request(1, 'initialize', INITIALIZE_PARAMS);
  server.notify('notifications/initialized');
  return reply;
}

function expectCleanShutdown(server: ServerChild, exit: { code: number | null; signal: string | null }) {
  expect(exit).toEqual({ code: 0, signal: null });
  const stderr = server.stderr();
  expect(stderr.split('fixture: runtime closed')).toHaveLength(2); // closed exactly once
  // onClose runs after the runtime is closed (the CLI removes its lease there).
  expect(stderr.indexOf('fixture: onClose hook')).toBeGreaterThan(stderr.indexOf('fixture: runtime closed'));
}

describe('serveStdio over a real pipe (SDK client)', () => {
  it('initializes, lists, calls, reads a resource and closes', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [script], stderr: 'pipe' });
    const client = new Client({ name: 'stdio-test', version: '1' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toEqual({ name: 'synapsor-runner', version: '0.0.0-test' });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain(READ_TOOL);
      const result = await client.callTool({ name: READ_TOOL, arguments: { invoice_id: 'inv_1' } });
      expect(result.structuredContent).toMatchObject({ ok: true, action: READ_TOOL });
      const uri = 'synapsor://evidence/ev_000000000000000000000001';
      expect((await client.readResource({ uri })).contents[0]).toMatchObject({ uri });
      await expect(client.readResource({ uri: 'synapsor://evidence/ev_other' })).rejects.toMatchObject({
        code: -32002,
        data: { code: 'RESOURCE_NOT_FOUND' },
      });
    } finally {
      await client.close();
    }
  });
});

describe('serveStdio process lifecycle (raw frames)', () => {
  it('keeps stdout to protocol frames and logs one value-free line per call to stderr', async () => {
    const server = start({ SYNAPSOR_LOG_LEVEL: 'info' });
    await initialize(server);
    const call = await server.request(2, 'tools/call', { name: READ_TOOL, arguments: { invoice_id: 'inv_private_42' } });
    expect(call).toMatchObject({ id: 2, result: { structuredContent: { ok: true } } });
    server.child.stdin.end();
    expectCleanShutdown(server, await server.exited);

    for (const line of server.stdout().split('\n').filter(Boolean)) {
      expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    }
    expect(server.stdout()).not.toContain('stray output');
    const stderr = server.stderr();
    expect(stderr).toContain('stray output from a library');
    const callLines = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === 'tool_call');
    expect(callLines).toEqual([expect.objectContaining({ tool: READ_TOOL, kind: 'read', outcome: 'ok', evidence_bundle_id: expect.any(String) })]);
    expect(stderr).not.toContain('inv_private_42');
  });

  it('prints the startup lines, including missing env names, to stderr', async () => {
    const server = start();
    await initialize(server);
    server.child.stdin.end();
    await server.exited;
    expect(server.stderr()).toContain('synapsor-runner 0.0.0-test\ntransport: stdio\nmode: review\ntools: 4\nalias mode: canonical\nconfig: ./synapsor.runner.json\nmissing env: EXAMPLE_TENANT_ENV');
  });

  it('exits 0 after closing the runtime on stdin close', async () => {
    const server = start();
    await initialize(server);
    server.child.stdin.end();
    expectCleanShutdown(server, await server.exited);
    expect(server.stderr()).toContain('"reason":"stdin_closed"');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits 0 after closing the runtime on ${signal} while stdin stays open`, async () => {
      const server = start();
      await initialize(server);
      server.child.kill(signal);
      expectCleanShutdown(server, await server.exited);
      expect(server.stderr()).toContain(`"reason":"${signal}"`);
    });
  }

  it('answers malformed JSON without writing anything but frames', async () => {
    const server = start();
    await initialize(server);
    server.child.stdin.write('{not json}\n');
    const list = await server.request(3, 'tools/list');
    expect(list).toMatchObject({ id: 3, result: { tools: expect.any(Array) } });
    server.child.stdin.end();
    expectCleanShutdown(server, await server.exited);
    for (const line of server.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });
});
