import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CallToolResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpServer, SERVER_INSTRUCTIONS } from '../../src/mcp.js';
import type { Runtime } from '../../src/runtime/types.js';
import { createStubRuntime, READ_TOOL, type StubRuntime } from './support/stub-runtime.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function connect(runtime: Runtime, logger?: { error(obj: object): void }) {
  const server = createMcpServer(runtime, { version: '9.9.9', ...(logger ? { logger } : {}) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  closers.push(() => client.close());
  return client;
}

/** Sends one raw JSON-RPC request (after a real initialize) to see the exact wire error. */
async function rawRequest(runtime: Runtime, method: string, params: unknown): Promise<JSONRPCMessage> {
  const server = createMcpServer(runtime, { version: '1' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const replies: JSONRPCMessage[] = [];
  clientSide.onmessage = (message) => replies.push(message);
  await clientSide.start();
  await clientSide.send({ jsonrpc: '2.0', id: 1, method, params } as JSONRPCMessage);
  await expect.poll(() => replies.length).toBe(1);
  await clientSide.close();
  return replies[0]!;
}

describe('createMcpServer', () => {
  let stub: StubRuntime;

  it('announces identity, capabilities and the instructions text', async () => {
    stub = createStubRuntime();
    const client = await connect(stub);
    expect(client.getServerVersion()).toEqual({ name: 'synapsor-runner', version: '9.9.9' });
    expect(client.getInstructions()).toBe(SERVER_INSTRUCTIONS);
    expect(SERVER_INSTRUCTIONS.length).toBeLessThanOrEqual(600);
    const capabilities = client.getServerCapabilities();
    expect(capabilities?.tools).toEqual({ listChanged: false });
    expect(capabilities?.resources).toBeDefined();
  });

  it('lists the runtime tools unchanged', async () => {
    stub = createStubRuntime();
    const client = await connect(stub);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(stub.listTools().map((tool) => tool.name));
    expect(tools[0]?.inputSchema).toEqual(stub.listTools()[0]?.inputSchema);
  });

  it('passes arguments through and defaults absent arguments to {}', async () => {
    stub = createStubRuntime();
    const client = await connect(stub);
    const result = await client.callTool({ name: READ_TOOL, arguments: { invoice_id: 'inv_1' } });
    expect((result.structuredContent as { ok: boolean }).ok).toBe(true);
    await client.request({ method: 'tools/call', params: { name: READ_TOOL } }, CallToolResultSchema);
    expect(stub.calls).toEqual([
      { name: READ_TOOL, args: { invoice_id: 'inv_1' } },
      { name: READ_TOOL, args: {} },
    ]);
  });

  it('hands non-object arguments to the runtime, which answers INVALID_ARGUMENT', async () => {
    stub = createStubRuntime();
    const client = await connect(stub);
    const result = await client.request(
      { method: 'tools/call', params: { name: READ_TOOL, arguments: 'inv_1' as unknown as Record<string, unknown> } },
      CallToolResultSchema,
    );
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(result.isError).toBeUndefined();
    expect(stub.calls).toEqual([{ name: READ_TOOL, args: 'inv_1' }]);
  });

  it('rejects a tools/call without a string name as invalid params, before the runtime', async () => {
    stub = createStubRuntime();
    const reply = await rawRequest(stub, 'tools/call', { name: 42 });
    expect(reply).toMatchObject({ id: 1, error: { code: -32602, message: 'Invalid params: name must be a string' } });
    expect(stub.counts.callTool).toBe(0);
  });

  it('lists resource templates and an empty resource list', async () => {
    stub = createStubRuntime();
    const client = await connect(stub);
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toEqual(['synapsor://evidence/{evidence_bundle_id}']);
    expect((await client.listResources()).resources).toEqual([]);
  });

  it('reads a resource', async () => {
    stub = createStubRuntime();
    const client = await connect(stub);
    const uri = 'synapsor://evidence/ev_000000000000000000000001';
    const result = await client.readResource({ uri });
    expect(result.contents).toEqual([expect.objectContaining({ uri, mimeType: 'application/json' })]);
  });

  it('maps a not-found resource to -32002 with the exact message and data code', async () => {
    stub = createStubRuntime();
    const reply = await rawRequest(stub, 'resources/read', { uri: 'synapsor://evidence/ev_nope' });
    expect(reply).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32002, message: 'Resource not found', data: { code: 'RESOURCE_NOT_FOUND' } },
    });
    const client = await connect(stub);
    const error = await client.readResource({ uri: 'synapsor://evidence/ev_nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32002);
  });

  it('maps an invalid resource id to -32602 RESOURCE_ID_INVALID', async () => {
    stub = createStubRuntime();
    const reply = await rawRequest(stub, 'resources/read', { uri: 'synapsor://evidence/../etc' });
    expect(reply).toMatchObject({ error: { code: -32602, data: { code: 'RESOURCE_ID_INVALID' } } });
  });

  it('fails closed with an opaque internal error when the runtime throws', async () => {
    stub = createStubRuntime();
    const failing: Runtime = {
      ...stub,
      callTool: async () => {
        throw new Error('connect ECONNREFUSED postgres://u:p@db/x');
      },
      readResource: async () => {
        throw new Error('ENOENT /var/lib/secret.db');
      },
    };
    const logged: object[] = [];
    const logger = { error: (obj: object) => logged.push(obj) };
    for (const [method, params] of [
      ['tools/call', { name: READ_TOOL }],
      ['resources/read', { uri: 'synapsor://evidence/x' }],
    ] as const) {
      const server = createMcpServer(failing, { version: '1', logger });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const replies: JSONRPCMessage[] = [];
      clientSide.onmessage = (message) => replies.push(message);
      await clientSide.start();
      await clientSide.send({ jsonrpc: '2.0', id: 7, method, params } as JSONRPCMessage);
      await expect.poll(() => replies.length).toBe(1);
      expect(replies[0]).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32603, message: 'Internal error' } });
      await clientSide.close();
    }
    expect(JSON.stringify(logged)).not.toMatch(/postgres|secret/);
    expect(logged).toHaveLength(2);
  });
});
