// The official MCP Inspector CLI (0.15.0, headless) against both real transports. The 0.15 CLI
// cannot send headers, so the HTTP server here runs with --dev-no-auth on loopback.
// Under pnpm the top-level `mcp-inspector` bin imports `commander` without declaring it and
// gets an ancient hoisted copy, so we run the inspector's own CLI package (its dependency,
// same version), which declares commander 13 and does the same `--cli` work.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { READ_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
import { STDIO_FIXTURE } from '../../mcp-stdio/test/support/child.js';
import { closeAll, startStreamable } from './support/harness.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const inspectorRequire = createRequire(require.resolve('@modelcontextprotocol/inspector/package.json'));
const inspectorCli = resolve(dirname(inspectorRequire.resolve('@modelcontextprotocol/inspector-cli/package.json')), 'build/cli.js');

async function inspect(target: string[], method: string[]): Promise<any> {
  const { stdout } = await run(process.execPath, [inspectorCli, '--cli', ...target, ...method], { timeout: 25_000 });
  return JSON.parse(stdout);
}

const callArgs = ['--method', 'tools/call', '--tool-name', READ_TOOL, '--tool-arg', 'invoice_id=inv_1'];

afterEach(closeAll);

describe('@modelcontextprotocol/inspector --cli', () => {
  let fixture: string;
  beforeAll(async () => {
    fixture = await bundleForNode(STDIO_FIXTURE);
  });
  afterAll(() => {
    if (fixture) rmSync(fixture, { force: true });
  });

  it('lists and calls tools over stdio', async () => {
    const list = await inspect([process.execPath, fixture], ['--method', 'tools/list']);
    expect(list.tools.map((tool: { name: string }) => tool.name)).toContain(READ_TOOL);
    const call = await inspect([process.execPath, fixture], callArgs);
    expect(call.structuredContent).toMatchObject({ ok: true, action: READ_TOOL });
  });

  it('lists and calls tools over Streamable HTTP', async () => {
    const { url, stub } = await startStreamable({ devNoAuth: true, env: {} });
    const list = await inspect([url, '--transport', 'http'], ['--method', 'tools/list']);
    expect(list.tools).toHaveLength(4);
    const call = await inspect([url, '--transport', 'http'], callArgs);
    expect(call.structuredContent).toMatchObject({ ok: true, action: READ_TOOL });
    expect(stub.calls).toEqual([{ name: READ_TOOL, args: { invoice_id: 'inv_1' } }]);
  });
});
