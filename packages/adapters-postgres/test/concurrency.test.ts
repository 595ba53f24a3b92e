import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceAdapter } from '@synapsor/core';
import { createFixture, seedInvoices, type Fixture } from './support/fixture.js';
import { adapterFor, invoiceJob } from './support/plans.js';
import { postgresReachable, waitFor } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres concurrency');
const ROUNDS = 50;

describe.skipIf(!reachable)('two appliers racing on one job', () => {
  let fixture: Fixture;
  let first: SourceAdapter;
  let second: SourceAdapter;

  beforeAll(async () => {
    fixture = await createFixture();
    await seedInvoices(fixture);
    // Separate adapters = separate writer pools, like two runner processes.
    first = adapterFor(fixture);
    second = adapterFor(fixture);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await fixture?.drop();
  });

  it(`writes exactly once per round over ${ROUNDS} rounds`, async () => {
    const s = fixture.schema;
    const locker = await fixture.session();
    const waitingWriters = async () =>
      (await fixture.query(`SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'`, [fixture.writer])).length;
    try {
      for (let round = 1; round <= ROUNDS; round += 1) {
        const job = invoiceJob(s, {
          patch: { late_fee_cents: round },
          conflict_guard: { kind: 'column', column: 'row_version', expected_value: round, bump: 'increment' },
        });
        // Barrier: hold the business row so both appliers are provably inside their transactions
        // (one waiting on the row lock, the other on the first one's receipt claim) before either can finish.
        await locker.query('BEGIN');
        await locker.query(`SELECT 1 FROM ${s}.invoices WHERE id = 'INV-3001' FOR UPDATE`);
        const racing = Promise.all([first.applyGuardedUpdate(job, { dryRun: false }), second.applyGuardedUpdate(job, { dryRun: false })]);
        await waitFor(async () => (await waitingWriters()) === 2);
        await locker.query('COMMIT');
        const outcomes = await racing;
        expect(outcomes.map((outcome) => outcome.status).sort(), `round ${round}: ${JSON.stringify(outcomes)}`).toEqual(['already_applied', 'applied']);
        expect(outcomes.reduce((sum, outcome) => sum + outcome.rows_affected, 0)).toBe(1);
      }
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    expect((await fixture.query(`SELECT 1 FROM ${s}.update_log`)).length).toBe(ROUNDS);
    expect(await fixture.query(`SELECT row_version, late_fee_cents FROM ${s}.invoices WHERE id = 'INV-3001'`)).toEqual([
      { row_version: ROUNDS + 1, late_fee_cents: ROUNDS },
    ]);
    expect((await fixture.query(`SELECT 1 FROM ${s}.synapsor_writeback_receipts WHERE status = 'applied'`)).length).toBe(ROUNDS);
  });
});
