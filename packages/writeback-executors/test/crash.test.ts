import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apply } from '../src/index.js';
import { createTestDatabase, describeEngines, type TestDatabase } from './support/databases.js';
import { ledgerView } from './support/ledger.js';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
import { openRunner, type Runner } from './support/runner.js';

describeEngines('crash between source COMMIT and ledger receipt', (traits) => {
  let t: TestDatabase;
  let runner: Runner;
  let bundle: string;

  beforeAll(async () => {
    t = await createTestDatabase(traits);
    runner = await openRunner(t);
    bundle = await bundleForNode(fileURLToPath(new URL('./fixtures/crash-apply.ts', import.meta.url)));
  });
  afterAll(async () => {
    await runner?.close();
    await t?.drop();
    if (bundle) rmSync(bundle, { force: true });
  });

  it('SIGKILL after COMMIT, then apply again → exactly one business write and an already_applied receipt', async () => {
    const audits = () => t.count(`SELECT count(*) AS n FROM $schema.update_audit WHERE invoice_id = 'INV-3001'`);
    const proposal = await runner.proposer.approved({ invoiceId: 'INV-3001' });

    // The child applies against the same SQLite ledger file and dies after the source COMMIT.
    const child = spawnSync(process.execPath, [bundle, runner.storePath, proposal.proposal_id, t.schema, traits.name], {
      env: { ...process.env, ...runner.env, SYNAPSOR_TEST_CRASH_AFTER_COMMIT: '1' },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');
    expect(await audits()).toBe(1);
    const crashed = await ledgerView(runner.store, proposal.proposal_id);
    expect(crashed.proposal!.state).toBe('pending_worker');
    expect(crashed.receipts).toHaveLength(0);
    expect(crashed.job!.lease.holder.pid).toBe(child.pid);

    // The dead holder's lease is stale on this host: attempt 2 finds the committed receipt row.
    const result = await apply(proposal.proposal_id, runner.options());
    expect(result.receipt).toMatchObject({ status: 'already_applied', attempt: 2, rows_affected: 0 });
    const recovered = await ledgerView(runner.store, proposal.proposal_id);
    expect(recovered.proposal!.state).toBe('applied');
    expect(recovered.events.map((event) => event.kind).slice(-3)).toEqual(['writeback_started', 'writeback_started', 'writeback_already_applied']);
    expect(await audits()).toBe(1);
    const rows = await sql<{ late_fee_cents: number }>`SELECT late_fee_cents FROM ${sql.id(t.schema, 'invoices')} WHERE id = 'INV-3001'`.execute(t.db);
    expect(rows.rows[0]!.late_fee_cents).toBe(0);
    expect((await runner.store.verify()).ok).toBe(true);
  });
});
