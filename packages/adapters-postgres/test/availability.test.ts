import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor, invoiceJob, invoicePlan } from './support/plans.js';
import { postgresReachable, waitFor } from './support/postgres.js';
import { DatabaseProxy } from './support/proxy.js';

const reachable = await postgresReachable('adapters-postgres availability');

describe.skipIf(!reachable)('database outages', () => {
  let fixture: Fixture;
  const proxy = new DatabaseProxy();
  const debugLines: string[] = [];
  const logger = { debug: (obj: object, msg: string) => void debugLines.push(`${msg} ${JSON.stringify(obj)}`) };

  beforeAll(async () => {
    fixture = await createFixture();
    await seedInvoices(fixture);
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await fixture?.drop();
  });

  it('reports DATABASE_UNAVAILABLE while down and recovers on the next call when back', async () => {
    const adapter = adapterFor(fixture, { env: { READ_URL: proxy.url(fixture.reader), WRITE_URL: proxy.url(fixture.writer) }, logger });
    try {
      const plan = invoicePlan(fixture.schema);
      expect((await adapter.readOne(plan)).rows).toHaveLength(1);
      await proxy.stop();
      await expect(adapter.readOne(plan)).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect(await adapter.applyGuardedUpdate(invoiceJob(fixture.schema), { dryRun: false })).toMatchObject({
        status: 'failed',
        safe_error_code: 'DATABASE_UNAVAILABLE',
        source_database_mutated: false,
      });
      await proxy.start();
      expect((await adapter.readOne(plan)).rows).toHaveLength(1);
      expect((await adapter.applyGuardedUpdate(invoiceJob(fixture.schema), { dryRun: false })).status).toBe('applied');
    } finally {
      await adapter.close();
    }
    // Raw driver text reached only the debug log, and without URLs or hosts.
    expect(debugLines.length).toBeGreaterThan(0);
    for (const line of debugLines) expect(line).not.toMatch(/postgres:\/\/|127\.0\.0\.1|synapsor_r_|synapsor_w_/);
  });

  it('replaces pooled connections killed by pg_terminate_backend', async () => {
    const adapter = adapterFor(fixture, { logger });
    try {
      const plan = invoicePlan(fixture.schema);
      await Promise.all([adapter.readOne(plan), adapter.readOne(plan), adapter.readOne(plan)]);
      const readers = async () => (await fixture.query('SELECT pid FROM pg_stat_activity WHERE usename = $1', [fixture.reader])).length;
      expect(await readers()).toBeGreaterThan(0);
      await fixture.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [fixture.reader]);
      await waitFor(async () => (await readers()) === 0);
      // A client whose death notice is still in flight may fail once — only ever as DATABASE_UNAVAILABLE.
      const first = await adapter.readOne(plan).then(
        (result) => result.rows.length,
        (error: { code?: string }) => error.code,
      );
      expect([1, 'DATABASE_UNAVAILABLE']).toContain(first);
      for (let i = 0; i < 5; i += 1) expect((await adapter.readOne(plan)).rows).toHaveLength(1);
    } finally {
      await adapter.close();
    }
  });

  it('never opens more reader connections than poolMax under load', async () => {
    const adapter = adapterFor(fixture, { poolMax: 2 });
    try {
      const plan = invoicePlan(fixture.schema);
      const results = await Promise.all(Array.from({ length: 40 }, () => adapter.readOne(plan)));
      expect(results.every((result) => result.rows.length === 1)).toBe(true);
      expect((await fixture.query('SELECT 1 FROM pg_stat_activity WHERE usename = $1', [fixture.reader])).length).toBeLessThanOrEqual(2);
    } finally {
      await adapter.close();
    }
    await waitFor(async () => (await fixture.query('SELECT 1 FROM pg_stat_activity WHERE usename = $1', [fixture.reader])).length === 0);
  });
});
