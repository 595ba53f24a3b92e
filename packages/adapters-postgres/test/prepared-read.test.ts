import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceAdapter } from '@synapsor/core';
import { statementName } from '../src/prepared-statements.js';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor, invoicePlan } from './support/plans.js';
import { postgresReachable } from './support/postgres.js';
import { createPreparedFixtures, createSquatter, feePlan, forgetfulPlan, recordingLogger, sessionStatements } from './support/prepared.js';
import type { PostgresAdapterOptions } from '../src/index.js';

const reachable = await postgresReachable('adapters-postgres prepared reads');

const ADA = {
  id: 'INV-3001',
  customer_name: 'Ada',
  status: 'open',
  late_fee_cents: 5500,
  amount: '120.50',
  tenant_id: 'acme',
  updated_at: '2026-06-20T14:31:08.123456Z',
};

describe.skipIf(!reachable)('prepared reads on a real PostgreSQL', () => {
  let fixture: Fixture;
  const open: SourceAdapter[] = [];
  const adapter = (overrides: Partial<PostgresAdapterOptions> = {}) => {
    const created = adapterFor(fixture, { poolMax: 1, ...overrides });
    open.push(created);
    return created;
  };
  const entry = (statements: Awaited<ReturnType<typeof sessionStatements>>, sql: string) =>
    statements.statements.filter((statement) => statement.name === statementName(sql));

  beforeAll(async () => {
    fixture = await createFixture();
    await createPreparedFixtures(fixture);
  });
  afterAll(() => fixture?.drop());
  beforeEach(async () => {
    await seedInvoices(fixture);
    await fixture.query(`ALTER TABLE ${fixture.schema}.fees ALTER COLUMN fee TYPE int4 USING fee::int4`);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((created) => created.close()));
  });

  it('returns the same row and parses the statement once per pooled session', async () => {
    const reader = adapter();
    const plan = invoicePlan(fixture.schema);
    for (let run = 0; run < 5; run += 1) expect((await reader.readOne(plan)).rows).toEqual([ADA]);
    const sql = reader.readTemplate(plan);
    const seen = await sessionStatements(reader, fixture.schema);
    // One entry for the text, executed 5 times: Parse once, then Bind/Execute only.
    expect(entry(seen, sql)).toEqual([{ name: statementName(sql), statement: sql, runs: 5 }]);
    expect(statementName(sql)).toMatch(/^synapsor_r_[0-9a-f]{24}$/);
    // Same session: the pid is stable across reads.
    expect((await sessionStatements(reader, fixture.schema)).pid).toBe(seen.pid);
  });

  it('gives different capabilities and tables different statements', async () => {
    const reader = adapter();
    const plans = [
      invoicePlan(fixture.schema),
      invoicePlan(fixture.schema, { columns: ['id', 'status', 'tenant_id'], visible_columns: ['id', 'status'] }),
      feePlan(fixture.schema),
    ];
    for (const plan of plans) await reader.readOne(plan);
    const texts = plans.map((plan) => reader.readTemplate(plan));
    expect(new Set(texts.map(statementName)).size).toBe(3);
    const seen = await sessionStatements(reader, fixture.schema);
    for (const sql of texts) expect(entry(seen, sql)).toEqual([{ name: statementName(sql), statement: sql, runs: 1 }]);
  });

  it('runs the named statement inside BEGIN READ ONLY / SET LOCAL when the plan timeout differs', async () => {
    const reader = adapter();
    const plan = invoicePlan(fixture.schema);
    expect((await reader.readOne(plan)).rows).toEqual([ADA]);
    expect((await reader.readOne({ ...plan, statement_timeout_ms: 4000 })).rows).toEqual([ADA]);
    // Same text on both paths, so the same statement served both.
    const sql = reader.readTemplate(plan);
    expect(entry(await sessionStatements(reader, fixture.schema), sql)).toEqual([{ name: statementName(sql), statement: sql, runs: 2 }]);
  });

  it('survives a column type change between reads (0A000): discard, retry, new value', async () => {
    const log = recordingLogger();
    const reader = adapter({ poolMax: 2, logger: log.logger });
    const plan = feePlan(fixture.schema);
    // Both pooled sessions prepare the statement.
    const warm = await Promise.all([reader.readOne(plan), reader.readOne(plan)]);
    expect(warm.map((result) => result.rows)).toEqual([[{ id: 'F-1', fee: 5500, tenant_id: 'acme' }], [{ id: 'F-1', fee: 5500, tenant_id: 'acme' }]]);
    await fixture.query(`ALTER TABLE ${fixture.schema}.fees ALTER COLUMN fee TYPE numeric(12, 2)`);
    for (let run = 0; run < 4; run += 1) expect((await reader.readOne(plan)).rows).toEqual([{ id: 'F-1', fee: '5500.00', tenant_id: 'acme' }]);
    // Each stale session failed once and was replaced; none surfaced to the caller.
    expect(log.retries()).toEqual(['0A000', '0A000']);
    // The transactional form recovers the same way.
    await fixture.query(`ALTER TABLE ${fixture.schema}.fees ALTER COLUMN fee TYPE int8`);
    expect((await reader.readOne({ ...plan, statement_timeout_ms: 4000 })).rows).toEqual([{ id: 'F-1', fee: 5500, tenant_id: 'acme' }]);
    expect(log.retries()).toEqual(['0A000', '0A000', '0A000']);
  });

  it('survives DEALLOCATE ALL run on the pooled session behind its back (26000)', async () => {
    const log = recordingLogger();
    const reader = adapter({ logger: log.logger });
    const plan = invoicePlan(fixture.schema);
    const sql = reader.readTemplate(plan);
    await reader.readOne(plan);
    const before = await sessionStatements(reader, fixture.schema);
    expect(entry(before, sql)).toHaveLength(1);
    // A function in a configured view drops every statement of this session, as a pooler reset would.
    expect((await reader.readOne(forgetfulPlan(fixture.schema))).rows).toEqual([{ id: 'INV-3001', gone: 1, tenant_id: 'acme' }]);
    expect((await reader.readOne(plan)).rows).toEqual([ADA]);
    expect(log.retries()).toEqual(['26000']);
    // The broken session was destroyed: a new one prepares the statement afresh.
    await reader.readOne(plan);
    const after = await sessionStatements(reader, fixture.schema);
    expect(after.pid).not.toBe(before.pid);
    expect(entry(after, sql)).toEqual([{ name: statementName(sql), statement: sql, runs: 1 }]);
  });

  it('survives a session that already has a statement of that name (42P05)', async () => {
    const log = recordingLogger();
    const reader = adapter({ logger: log.logger });
    const plan = invoicePlan(fixture.schema);
    await reader.readOne(await createSquatter(fixture, statementName(reader.readTemplate(plan))));
    expect((await reader.readOne(plan)).rows).toEqual([ADA]);
    expect(log.retries()).toEqual(['42P05']);
    // That session was discarded, so the next read prepares on a clean one without a retry.
    expect((await reader.readOne(plan)).rows).toEqual([ADA]);
    expect(log.retries()).toEqual(['42P05']);
    await fixture.query(`DROP VIEW ${fixture.schema}.squatter; DROP FUNCTION ${fixture.schema}.squat()`);
  });

  it('does not retry other errors and keeps their safe mapping', async () => {
    const log = recordingLogger();
    const reader = adapter({ logger: log.logger });
    const error = await reader.readOne(invoicePlan(fixture.schema, { table: 'no_such_table' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(String((error as Error).message)).not.toMatch(/no_such_table|relation|does not exist/);
    expect(log.retries()).toEqual([]);
    expect((await reader.readOne(invoicePlan(fixture.schema))).rows).toEqual([ADA]);
  });

  it('runs unnamed statements when preparation is off', async () => {
    const reader = adapter({ prepareStatements: false });
    for (let run = 0; run < 3; run += 1) expect((await reader.readOne(invoicePlan(fixture.schema))).rows).toEqual([ADA]);
    await reader.readOne(invoicePlan(fixture.schema, { statement_timeout_ms: 4000 }));
    await reader.readOne(feePlan(fixture.schema));
    // Not even the observing read itself left a statement behind.
    expect((await sessionStatements(reader, fixture.schema)).statements).toEqual([]);
  });

  it.each([true, false])('binds injection strings as parameters (prepareStatements: %s)', async (prepareStatements) => {
    const reader = adapter({ prepareStatements });
    const plan = invoicePlan(fixture.schema);
    const values = [`' OR 1=1 --`, `1; DROP TABLE invoices`, `INV-3001' --`, `INV-3001\u2019 OR \u20181\u2019=\u20181`, `%`, `\\x00`, `$1`, `INV-3001'); DEALLOCATE ALL; --`];
    for (const value of values) expect((await reader.readOne({ ...plan, lookup_value: value })).rows).toEqual([]);
    expect((await reader.readOne(plan)).rows).toEqual([ADA]);
    const count = await fixture.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fixture.schema}.invoices`);
    expect(count[0]?.n).toBe('3');
    // Prepared: the one statement, value-free, served every lookup.
    const sql = reader.readTemplate(plan);
    const expected = prepareStatements ? [{ name: statementName(sql), statement: sql, runs: values.length + 1 }] : [];
    expect(entry(await sessionStatements(reader, fixture.schema), sql)).toEqual(expected);
  });
});
