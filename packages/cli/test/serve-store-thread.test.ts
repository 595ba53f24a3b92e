// `SYNAPSOR_STORE_THREAD=worker`: the built server keeps its ledger connection in a worker thread
// (dist/ledger-worker.js beside the bundled store chunk). Reads, proposals (including the dedupe
// round trip across the thread) and a clean SIGTERM exit, against real PostgreSQL.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/cli.js';
import { createE2eWorld, envelopeOf, httpClient, storeIn } from './helpers/e2e-mcp.js';
import { postgresReachable } from './helpers/scratch-postgres.js';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('mcp serve-streamable-http with the ledger in a worker thread', () => {
  let dir: ReturnType<typeof tempDir>;
  let world: Awaited<ReturnType<typeof createE2eWorld>>;
  beforeAll(async () => {
    dir = tempDir('synapsor-store-thread-');
    world = await createE2eWorld(dir.path);
  });
  afterAll(async () => {
    await world?.dispose();
    dir?.remove();
  });

  it('reads and proposes through the worker, reuses the waiting duplicate, and exits 0 on SIGTERM', async () => {
    const store = storeIn(dir.path, 'threaded');
    const server = world.runner.serve(['mcp', 'serve-streamable-http', '--port', '0'], store, { SYNAPSOR_STORE_THREAD: 'worker' });
    await server.waitForStderr('auth: ');
    const url = /transport: \S+ (http:\/\/\S+)/.exec(server.stderr())![1]!;
    const { client } = await httpClient(url, world.token, world.transcript);

    const reads = await Promise.all(
      Array.from({ length: 8 }, () => client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: 'INV-3001' } })),
    );
    expect(reads.map((r) => envelopeOf(r).ok)).toEqual(Array(8).fill(true));
    const propose = () => client.callTool({ name: 'billing.propose_late_fee_waiver', arguments: { invoice_id: 'INV-3001', reason: 'goodwill' } });
    const first = envelopeOf(await propose());
    const second = envelopeOf(await propose());
    expect(first.proposal).toMatchObject({ state: 'review_required', reused: false });
    expect(second.proposal).toMatchObject({ reused: true, id: first.proposal!.id });

    expect(await world.runner.counts(store)).toMatchObject({ proposals: 1, evidence_bundles: 10, query_audit: 10 });
    await client.close();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(existsSync(`${store}.lease.json`)).toBe(false);
    expect(await world.runner.ledgerJson<{ ok: boolean }>(['store', 'verify'], store)).toMatchObject({ ok: true });
  });
});
