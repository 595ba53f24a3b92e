// createMcpServer over the real createRuntime (in-memory ledger, fake source), with the SDK
// client validating every structuredContent against the published outputSchema.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp.js';
import { harness } from '../runtime/support/harness.js';

async function connect() {
  const h = harness();
  const server = createMcpServer(h.runtime, { version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'it', version: '1' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { h, client };
}

describe('createMcpServer with createRuntime', () => {
  it('lists the compiled tools and answers a read the client validates against outputSchema', async () => {
    const { h, client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(h.runtime.listTools().map((tool) => tool.name));
    expect(tools.find((tool) => tool.name === 'billing.inspect_invoice')?.outputSchema).toBeDefined();
    const result = await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ ok: true, kind: 'read', action: 'billing.inspect_invoice' });
    expect(h.logs).toEqual([expect.objectContaining({ tool: 'billing.inspect_invoice', outcome: expect.any(String) })]);
    await client.close();
  });

  it('answers non-object arguments with an INVALID_ARGUMENT envelope', async () => {
    const { client } = await connect();
    await client.listTools();
    const result = await client.request(
      { method: 'tools/call', params: { name: 'billing.inspect_invoice', arguments: 'INV-3001' as unknown as Record<string, unknown> } },
      CallToolResultSchema,
    );
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await client.close();
  });

  it('reads the evidence of a read and maps unknown and invalid ids to the spec errors', async () => {
    const { client } = await connect();
    const read = await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } });
    const uri = (read.structuredContent as { evidence: { resource: string } }).evidence.resource;
    const contents = await client.readResource({ uri });
    expect(contents.contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
    await expect(client.readResource({ uri: 'synapsor://evidence/ev_000000000000000000000000' })).rejects.toMatchObject({
      code: -32002,
      data: { code: 'RESOURCE_NOT_FOUND' },
    });
    await expect(client.readResource({ uri: 'synapsor://evidence/%2e%2e' })).rejects.toMatchObject({
      code: -32602,
      data: { code: 'RESOURCE_ID_INVALID' },
    });
    await client.close();
  });
});
