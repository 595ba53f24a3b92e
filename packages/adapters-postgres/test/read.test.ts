import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceAdapter } from '@synapsor/core';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor, invoicePlan } from './support/plans.js';
import { postgresReachable, waitFor } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres read');

describe.skipIf(!reachable)('readOne on a real PostgreSQL', () => {
  let fixture: Fixture;
  let adapter: SourceAdapter;

  beforeAll(async () => {
    fixture = await createFixture();
    adapter = adapterFor(fixture);
  });
  afterAll(async () => {
    await adapter?.close();
    await fixture?.drop();
  });
  beforeEach(() => seedInvoices(fixture));

  it('reads exactly the planned row of the tenant through one bound statement', async () => {
    const plan = invoicePlan(fixture.schema);
    const result = await adapter.readOne(plan);
    expect(result.rows).toEqual([
      {
        id: 'INV-3001',
        customer_name: 'Ada',
        status: 'open',
        late_fee_cents: 5500,
        amount: '120.50',
        tenant_id: 'acme',
        updated_at: '2026-06-20T14:31:08.123456Z',
      },
    ]);
    expect(result.duration_ms).toBeGreaterThanOrEqual(0);
    expect(adapter.readTemplate(plan)).toBe(
      `select "id", "customer_name", "status", "late_fee_cents", "amount", "tenant_id", "updated_at" from "${fixture.schema}"."invoices" where "id" = $1 and "tenant_id" = $2 limit 2`,
    );
  });

  it('never returns another tenant’s row', async () => {
    const result = await adapter.readOne(invoicePlan(fixture.schema, { lookup_value: 'INV-9001' }));
    expect(result.rows).toEqual([]);
  });

  it.each([`' OR 1=1 --`, `1; DROP TABLE invoices`, `INV-3001' --`, `INV-3001\u2019 OR \u20181\u2019=\u20181`, `%`, `\\x00`])(
    'treats %j as a plain value: no rows, table intact',
    async (value) => {
      const result = await adapter.readOne(invoicePlan(fixture.schema, { lookup_value: value }));
      expect(result.rows).toEqual([]);
      const count = await fixture.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fixture.schema}.invoices`);
      expect(count[0]?.n).toBe('3');
    },
  );

  it('returns both rows when the key is not unique (caller reports ROW_NOT_UNIQUE)', async () => {
    await fixture.query(`INSERT INTO ${fixture.schema}.no_pk VALUES ('A', 'acme', 'open', 1), ('A', 'acme', 'open', 1), ('A', 'acme', 'open', 1)`);
    const plan = invoicePlan(fixture.schema, { table: 'no_pk', columns: ['id', 'status', 'tenant_id'], visible_columns: ['id', 'status'], lookup_value: 'A' });
    expect((await adapter.readOne(plan)).rows).toHaveLength(2);
  });

  it('refuses a plan with an unsafe or out-of-plan identifier before any SQL', async () => {
    // Points at a closed port: reaching the database would surface as DATABASE_UNAVAILABLE.
    const offline = adapterFor(fixture, { env: { READ_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    const cases: Array<[Partial<Parameters<SourceAdapter['readOne']>[0]>, string]> = [
      [{ table: 'invoices"; DROP TABLE x; --' }, 'UNSAFE_IDENTIFIER'],
      [{ schema: 'pg_catalog.pg_roles' }, 'UNSAFE_IDENTIFIER'],
      [{ columns: ['id', 'status', 'tenant_id', '*'] }, 'UNSAFE_IDENTIFIER'],
      [{ columns: ['id', 'tenant_id', 'upper(status)'] }, 'UNSAFE_IDENTIFIER'],
      [{ tenant_key: 'tenant_id OR true' }, 'UNSAFE_IDENTIFIER'],
      [{ visible_columns: ['id', 'api_token'] }, 'READ_PLAN_INVALID'],
      [{ tenant_value: null }, 'READ_PLAN_INVALID'],
      [{ limit: 3 as 2 }, 'READ_PLAN_INVALID'],
      [{ engine: 'mysql' }, 'READ_PLAN_INVALID'],
    ];
    for (const [overrides, code] of cases) {
      const plan = invoicePlan(fixture.schema, overrides);
      await expect(offline.readOne(plan), JSON.stringify(overrides)).rejects.toMatchObject({ code });
      expect(() => offline.readTemplate(plan)).toThrow(expect.objectContaining({ code }));
    }
    await expect(offline.readOne(invoicePlan(fixture.schema))).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    await offline.close();
  });

  it('refuses a visible binary column but hashes a guard-only one as hex', async () => {
    const visible = invoicePlan(fixture.schema, { columns: ['id', 'attachment', 'tenant_id'], visible_columns: ['id', 'attachment'] });
    await expect(adapter.readOne(visible)).rejects.toMatchObject({ code: 'UNSUPPORTED_COLUMN_TYPE' });
    const guardOnly = invoicePlan(fixture.schema, { columns: ['id', 'attachment', 'tenant_id'], visible_columns: ['id'] });
    expect((await adapter.readOne(guardOnly)).rows[0]?.attachment).toBe('01ff');
  });

  it('runs reads read-only: a view whose function writes fails and writes nothing', async () => {
    const plan = invoicePlan(fixture.schema, { table: 'sneaky', columns: ['id', 'status', 'side_effect', 'tenant_id'], visible_columns: ['id', 'status'] });
    // The superuser URL can write anything; read-only must still hold on the read pool.
    const superReader = adapterFor(fixture, { env: { READ_URL: fixture.env.ADMIN_URL as string } });
    try {
      await expect(superReader.readOne(plan)).rejects.toMatchObject({ code: 'INTERNAL' });
      // Same through the transactional path (plan timeout differs from the session's).
      await expect(superReader.readOne({ ...plan, statement_timeout_ms: 4000 })).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(await fixture.query(`SELECT * FROM ${fixture.schema}.update_log`)).toEqual([]);
      // The pool is still usable afterwards.
      expect((await superReader.readOne(invoicePlan(fixture.schema))).rows).toHaveLength(1);
    } finally {
      await superReader.close();
    }
  });

  it('maps a statement timeout to STATEMENT_TIMEOUT', async () => {
    const quick = adapterFor(fixture, { statementTimeoutMs: 200 });
    try {
      const plan = invoicePlan(fixture.schema, { table: 'slow', columns: ['id', 'nap', 'tenant_id'], visible_columns: ['id'], statement_timeout_ms: 200 });
      await expect(quick.readOne(plan)).rejects.toMatchObject({ code: 'STATEMENT_TIMEOUT' });
      await expect(quick.readOne({ ...plan, statement_timeout_ms: 150 })).rejects.toMatchObject({ code: 'STATEMENT_TIMEOUT' });
    } finally {
      await quick.close();
    }
  });

  it('maps a missing table or privilege to INTERNAL without driver text', async () => {
    const error = await adapter.readOne(invoicePlan(fixture.schema, { table: 'no_such_table' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(String((error as Error).message)).not.toMatch(/no_such_table|relation|does not exist/);
  });

  it('needs the read URL env var', async () => {
    const missing = adapterFor(fixture, { env: {} });
    await expect(missing.readOne(invoicePlan(fixture.schema))).rejects.toMatchObject({ code: 'SOURCE_CREDENTIAL_MISSING' });
    await missing.close();
  });

  it('reports POOL_TIMEOUT when no connection frees up within the statement timeout', async () => {
    const tiny = adapterFor(fixture, { poolMax: 1, statementTimeoutMs: 300 });
    // Hold the only connection: its read (own 10 s timeout) waits on a lock the test holds.
    const locker = await fixture.session();
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${fixture.schema}.invoices IN ACCESS EXCLUSIVE MODE`);
    try {
      const holder = tiny.readOne(invoicePlan(fixture.schema, { statement_timeout_ms: 10_000 }));
      await waitFor(async () => (await fixture.query(`SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'`, [fixture.reader])).length === 1);
      await expect(tiny.readOne(invoicePlan(fixture.schema))).rejects.toMatchObject({ code: 'POOL_TIMEOUT' });
      await locker.query('COMMIT');
      expect((await holder).rows).toHaveLength(1);
    } finally {
      await locker.end();
      await tiny.close();
    }
  });
});

