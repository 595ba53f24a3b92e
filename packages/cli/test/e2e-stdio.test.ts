import { existsSync } from 'node:fs';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/cli.js';
import { closeStdio, createE2eWorld, envelopeOf, resourceJson, stdioClient, storeIn, unknownSibling } from './helpers/e2e-mcp.js';
import { postgresReachable } from './helpers/scratch-postgres.js';

const reachable = await postgresReachable();

const CANONICAL_TOOLS = [
  'support.inspect_ticket',
  'support.propose_ticket_resolution',
  'support.inspect_customer_account',
  'support.propose_plan_credit',
  'billing.inspect_invoice',
  'billing.propose_late_fee_waiver',
  'orders.inspect_order',
  'orders.propose_status_change',
];

/** The rejection of a resources/read as the client sees it (McpError code, message, data). */
async function readRefusal(read: Promise<unknown>): Promise<{ code: number; message: string; data: unknown }> {
  const error = await read.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof McpError)) throw new Error(`expected an McpError, got ${String(error)}`);
  return { code: error.code, message: error.message, data: error.data };
}

describe.skipIf(!reachable)('e2e over stdio: SDK client → built CLI → real ledger → real PostgreSQL', () => {
  let dir: ReturnType<typeof tempDir>;
  let world: Awaited<ReturnType<typeof createE2eWorld>>;

  beforeAll(async () => {
    dir = tempDir('synapsor-e2e-stdio-');
    world = await createE2eWorld(dir.path);
  });
  afterAll(async () => {
    await world?.dispose();
    dir?.remove();
  });

  describe('canonical names (mcp serve)', () => {
    const store = () => storeIn(dir.path, 'stdio');
    let evidenceUri = '';
    let proposalId = '';

    it('reads, proposes, serves its own resources, hides other tenants and principals, and exits 0 without its lease', async () => {
      const server = world.runner.serve(['mcp', 'serve'], store());
      const client = await stdioClient(server);
      await server.waitForStderr('store: ');
      expect(existsSync(`${store()}.lease.json`)).toBe(true);
      expect(client.getServerVersion()?.name).toBe('synapsor-runner');

      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(CANONICAL_TOOLS);

      const read = envelopeOf(await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } }));
      expect(read).toMatchObject({ ok: true, kind: 'read', action: 'billing.inspect_invoice', error: null, proposal: null, source_database_changed: false });
      expect(read.data).toMatchObject({ id: 'INV-3001', tenant_id: 'acme', late_fee_cents: 5500 });
      expect(read._meta).toMatchObject({ tenant_id: 'acme', principal: 'support.agent', canonical_capability: 'billing.inspect_invoice' });
      expect(read.evidence!.bundle_id).toMatch(/^ev_[0-9a-f]{24}$/);
      evidenceUri = read.evidence!.resource;
      expect(evidenceUri).toBe(`synapsor://evidence/${read.evidence!.bundle_id}`);

      const before = await world.row('invoices', 'INV-3001');
      const proposed = envelopeOf(
        await client.callTool({ name: 'billing.propose_late_fee_waiver', arguments: { invoice_id: 'INV-3001', reason: 'first late payment' } }),
      );
      expect(proposed).toMatchObject({ ok: true, kind: 'proposal', data: null, error: null, source_database_changed: false });
      expect(proposed.proposal).toMatchObject({ state: 'review_required', reused: false, target: 'invoices:INV-3001' });
      expect(proposed.proposal!.diff).toEqual({ late_fee_cents: { before: 5500, proposed: 0 }, waiver_reason: { before: null, proposed: 'first late payment' } });
      proposalId = proposed.proposal!.id;
      expect(await world.row('invoices', 'INV-3001')).toEqual(before);

      const evidence = resourceJson(await client.readResource({ uri: evidenceUri }));
      expect(evidence).toMatchObject({ evidence_bundle_id: read.evidence!.bundle_id, kind: 'read', capability: 'billing.inspect_invoice', object_id: 'INV-3001', proposal_id: null });
      expect(evidence.visible_row).toEqual(read.data);
      const proposal = resourceJson(await client.readResource({ uri: proposed.proposal!.resource }));
      expect(proposal).toMatchObject({ proposal_id: proposalId, state: 'pending_review', action: 'billing.propose_late_fee_waiver', diff: proposed.proposal!.diff, decisions: [], receipts: [] });

      const foreign = envelopeOf(await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-9001' } }));
      const unknown = envelopeOf(await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-0000' } }));
      expect(foreign).toMatchObject({ ok: false, data: null, proposal: null, evidence: null, error: { code: 'NOT_FOUND_IN_TENANT', retryable: false } });
      expect(JSON.stringify(foreign).replaceAll('INV-9001', '<id>')).toBe(JSON.stringify(unknown).replaceAll('INV-0000', '<id>'));
      expect(JSON.stringify(foreign)).not.toContain('globex');

      const other = world.runner.serve(['mcp', 'serve', '--allow-concurrent-store'], store(), { SYNAPSOR_PRINCIPAL: 'other' });
      const otherClient = await stdioClient(other);
      const othersProposal = envelopeOf(
        await otherClient.callTool({ name: 'billing.propose_late_fee_waiver', arguments: { invoice_id: 'INV-3001', reason: 'first late payment' } }),
      );
      expect(othersProposal.proposal).toMatchObject({ reused: false });
      expect(othersProposal.proposal!.id).not.toBe(proposalId);
      expect(resourceJson(await otherClient.readResource({ uri: othersProposal.proposal!.resource }))).toMatchObject({ proposal_id: othersProposal.proposal!.id });
      expect(await closeStdio(otherClient, other)).toBe(0);
      expect(existsSync(`${store()}.lease.json`)).toBe(true);

      const hidden = await readRefusal(client.readResource({ uri: othersProposal.proposal!.resource }));
      const missing = await readRefusal(client.readResource({ uri: `synapsor://proposals/${unknownSibling(othersProposal.proposal!.id)}` }));
      expect(hidden).toEqual({ code: -32002, message: expect.stringContaining('Resource not found'), data: { code: 'RESOURCE_NOT_FOUND' } });
      expect(hidden).toEqual(missing);

      expect(await closeStdio(client, server)).toBe(0);
      expect(existsSync(`${store()}.lease.json`)).toBe(false);
    });

    it('the ledger holds both principals’ proposals and the read, under canonical names', async () => {
      const listed = await world.runner.ledgerJson<{ proposals: Array<{ proposal_id: string; principal: string }> }>(['proposals', 'list'], store());
      expect(listed.proposals.map((proposal) => proposal.principal).sort()).toEqual(['other', 'support.agent']);
      expect(listed.proposals.map((proposal) => proposal.proposal_id)).toContain(proposalId);
      const evidence = await world.runner.ledgerJson<{ items: Array<{ evidence_bundle_id: string; capability: string }> }>(['evidence', 'list'], store());
      expect(evidence.items.find((bundle) => evidenceUri.endsWith(bundle.evidence_bundle_id))?.capability).toBe('billing.inspect_invoice');
    });
  });

  describe('--alias-mode openai', () => {
    const store = () => storeIn(dir.path, 'alias');

    it('lists only aliases, runs the canonical capability by alias, and the ledger records the canonical name', async () => {
      const server = world.runner.serve(['mcp', 'serve', '--alias-mode', 'openai'], store());
      const client = await stdioClient(server);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(CANONICAL_TOOLS.map((name) => name.replace('.', '__')));
      expect(tools.find((tool) => tool.name === 'billing__inspect_invoice')?._meta).toMatchObject({
        'synapsor.canonical_tool_name': 'billing.inspect_invoice',
        'synapsor.exposed_tool_name': 'billing__inspect_invoice',
      });

      const byCanonical = envelopeOf(await client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } }));
      expect(byCanonical).toMatchObject({ ok: false, kind: null, error: { code: 'CAPABILITY_NOT_FOUND' } });
      const read = envelopeOf(await client.callTool({ name: 'billing__inspect_invoice', arguments: { invoice_id: 'INV-3002' } }));
      expect(read).toMatchObject({ ok: true, action: 'billing.inspect_invoice', data: { id: 'INV-3002' } });
      expect(await closeStdio(client, server)).toBe(0);

      const evidence = await world.runner.ledgerJson<{ items: Array<{ evidence_bundle_id: string; capability: string }> }>(['evidence', 'list'], store());
      expect(evidence.items).toEqual([expect.objectContaining({ evidence_bundle_id: read.evidence!.bundle_id, capability: 'billing.inspect_invoice' })]);
      const audits = await world.runner.ledgerJson<{ items: Array<{ capability: string }> }>(['query-audit', 'list'], store());
      expect(audits.items.map((audit) => audit.capability)).toEqual(['billing.inspect_invoice']);
    });
  });

  it('no server output, response frame or CLI output carried a database URL, password or the token', () => {
    const text = world.transcript.text();
    for (const source of ['transport: stdio', '"stdio_closed"', '"jsonrpc":"2.0"', '"proposals"']) expect(text).toContain(source);
    world.transcript.assertClean(world.secrets);
  });
});
