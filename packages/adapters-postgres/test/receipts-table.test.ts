import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor, invoiceJob } from './support/plans.js';
import { postgresReachable } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres receipts table');

describe.skipIf(!reachable)('receipts table bootstrap', () => {
  let fixture: Fixture;
  let creatable: string;
  let locked: string;

  beforeAll(async () => {
    fixture = await createFixture();
    creatable = `${fixture.schema}_rc`;
    locked = `${fixture.schema}_rl`;
    await fixture.query(`CREATE SCHEMA ${creatable}; GRANT USAGE, CREATE ON SCHEMA ${creatable} TO ${fixture.writer}`);
    await fixture.query(`CREATE SCHEMA ${locked}; GRANT USAGE ON SCHEMA ${locked} TO ${fixture.writer}`);
  });
  afterAll(async () => {
    await fixture?.query(`DROP SCHEMA IF EXISTS ${creatable} CASCADE; DROP SCHEMA IF EXISTS ${locked} CASCADE`);
    await fixture?.drop();
  });
  beforeEach(() => seedInvoices(fixture));

  it('creates a missing receipts table once, then applies — but never in a dry run', async () => {
    const adapter = adapterFor(fixture, { receiptsSchema: creatable });
    const exists = async () => (await fixture.query(`SELECT to_regclass('${creatable}.synapsor_writeback_receipts')::text AS t`))[0]?.t ?? null;
    try {
      expect((await adapter.applyGuardedUpdate(invoiceJob(fixture.schema), { dryRun: true })).dry_run).toEqual({ would: 'failed', safe_error_code: 'RECEIPTS_TABLE_MISSING' });
      expect(await exists()).toBeNull();
      expect((await adapter.applyGuardedUpdate(invoiceJob(fixture.schema), { dryRun: false })).status).toBe('applied');
      expect(await exists()).not.toBeNull();
      expect(await fixture.query(`SELECT status FROM ${creatable}.synapsor_writeback_receipts`)).toEqual([{ status: 'applied' }]);
    } finally {
      await adapter.close();
    }
  });

  it('fails RECEIPTS_TABLE_MISSING when it cannot be created, touching nothing', async () => {
    const adapter = adapterFor(fixture, { receiptsSchema: locked });
    try {
      expect(await adapter.applyGuardedUpdate(invoiceJob(fixture.schema), { dryRun: false })).toMatchObject({
        status: 'failed',
        safe_error_code: 'RECEIPTS_TABLE_MISSING',
        source_database_mutated: false,
      });
      expect(await fixture.query(`SELECT late_fee_cents FROM ${fixture.schema}.invoices WHERE id = 'INV-3001'`)).toEqual([{ late_fee_cents: 5500 }]);
      // Failure is not cached: once the writer may create it, the same adapter retries without a restart.
      await fixture.query(`GRANT CREATE ON SCHEMA ${locked} TO ${fixture.writer}`);
      expect((await adapter.applyGuardedUpdate(invoiceJob(fixture.schema), { dryRun: false })).status).toBe('applied');
    } finally {
      await adapter.close();
    }
  });
});
