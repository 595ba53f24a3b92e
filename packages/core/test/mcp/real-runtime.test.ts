// createMcpServer over the real createRuntime (in-memory ledger, fake source), with the SDK
// client validating every structuredContent against the published outputSchema. The second
// block is the foundation's acceptance path: the whole safety loop seen from an MCP client.
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

describe('safety loop over MCP (in-memory fakes)', () => {
  it('lists only semantic tools: no SQL, approval or commit names, no URLs or secret-like strings', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.length).toBe(8);
    for (const tool of tools) {
      expect(tool.name).not.toMatch(/sql|query|approve|commit|apply|reject|writeback/i);
      expect(Object.keys(tool.inputSchema.properties ?? {})).not.toEqual(
        expect.arrayContaining(['tenant_id', 'principal', 'table', 'schema', 'column', 'sql']),
      );
    }
    const serialized = JSON.stringify(tools);
    for (const forbidden of ['postgres://', 'postgresql://', 'mysql://', 'mariadb://', 'password', 'secret', 'bearer', 'private_key', 'token']) {
      expect(serialized.toLowerCase()).not.toContain(forbidden);
    }
    await client.close();
  });

  it('answers a read with a v2 envelope carrying evidence', async () => {
    const { h, client } = await connect();
    const result = await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } });
    const envelope = result.structuredContent as Record<string, any>;
    expect(envelope).toMatchObject({ ok: true, kind: 'read', source_database_changed: false, error: null });
    expect(envelope.data).toMatchObject({ id: 'INV-3001', late_fee_cents: 5500 });
    expect(envelope.evidence.bundle_id).toMatch(/^ev_[0-9a-f]{24}$/);
    expect(await h.store.getEvidence(envelope.evidence.bundle_id)).not.toBeNull();
    await client.close();
  });

  it('answers a proposal with a diff and leaves the source unchanged', async () => {
    const { h, client } = await connect();
    const before = structuredClone(h.source.tables);
    const result = await client.callTool({
      name: 'billing.propose_late_fee_waiver',
      arguments: { invoice_id: 'INV-3001', reason: 'first late payment' },
    });
    const envelope = result.structuredContent as Record<string, any>;
    expect(envelope).toMatchObject({ ok: true, kind: 'proposal', source_database_changed: false });
    expect(envelope.proposal.diff).toEqual({
      late_fee_cents: { before: 5500, proposed: 0 },
      waiver_reason: { before: null, proposed: 'first late payment' },
    });
    expect(envelope.proposal.writeback.applied).toBe(false);
    expect(h.source.tables).toEqual(before);
    expect(h.source.calls.filter((call) => call.method === 'applyGuardedUpdate')).toHaveLength(0);
    expect((await h.store.getProposal(envelope.proposal.id))?.state).toBe('pending_review');
    await client.close();
  });

  it('refuses a tenant_id override with INVALID_ARGUMENT before touching the source or ledger', async () => {
    const { h, client } = await connect();
    const result = await client.callTool({
      name: 'billing.inspect_invoice',
      arguments: { invoice_id: 'INV-9001', tenant_id: 'globex' },
    });
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' }, data: null });
    expect(h.source.calls).toHaveLength(0);
    expect(await h.store.listQueryAudit()).toHaveLength(0);
    await client.close();
  });
});
