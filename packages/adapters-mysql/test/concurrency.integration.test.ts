import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INVOICES_DDL } from './support/invoices.sql.js';
import { type TestDatabase, adapterFor, createTestDatabase, describeMysql, job } from './support/mysql.js';

const ROUNDS = 50;

describeMysql('adapters-mysql concurrent appliers (MariaDB)', () => {
  let db: TestDatabase;
  let first: ReturnType<typeof adapterFor>;
  let second: ReturnType<typeof adapterFor>;
  const retries: object[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.admin.query(INVOICES_DDL);
    const values = Array.from({ length: ROUNDS }, (_, i) => `('C-${i}', 'acme', 100, 'open', 1)`).join(', ');
    await db.admin.query(`INSERT INTO invoices (invoice_id, tenant_id, amount_cents, status, row_version) VALUES ${values}`);
    // Two independent appliers, as two runner processes would be (separate pools).
    const logger = { debug: (obj: object) => void ('retry' in obj && retries.push(obj)) };
    first = adapterFor(db.url, { logger });
    second = adapterFor(db.url, { logger });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.drop();
  });

  it(`two appliers of one job, ${ROUNDS} rounds → exactly one write each round`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const j = job(db.name, {
        target: { schema: db.name, table: 'invoices', primary_key: { column: 'invoice_id', value: `C-${round}` } },
        patch: { amount_cents: round },
      });
      const outcomes = await Promise.all([first.applyGuardedUpdate(j, { dryRun: false }), second.applyGuardedUpdate(j, { dryRun: false })]);
      const statuses = outcomes.map((o) => o.status).sort();
      expect(statuses, `round ${round}: ${JSON.stringify(outcomes)}`).toEqual(['already_applied', 'applied']);
      expect(outcomes.filter((o) => o.source_database_mutated)).toHaveLength(1);
    }
    const [perRow] = (await db.admin.query('SELECT invoice_id, COUNT(*) AS n FROM invoice_writes GROUP BY invoice_id')) as unknown as [Array<{ invoice_id: string; n: string }>];
    expect(perRow).toHaveLength(ROUNDS);
    expect(perRow.every((r) => Number(r.n) === 1)).toBe(true);
    const [versions] = (await db.admin.query('SELECT DISTINCT row_version AS v FROM invoices')) as unknown as [Array<{ v: string }>];
    expect(versions).toEqual([{ v: '2' }]);
    const [receipts] = (await db.admin.query("SELECT status, COUNT(*) AS n FROM synapsor_writeback_receipts GROUP BY status")) as unknown as [Array<{ status: string; n: string }>];
    expect(receipts).toEqual([{ status: 'applied', n: String(ROUNDS) }]);
    console.info(`concurrency: ${retries.length} deadlock/lock-wait retries over ${ROUNDS} rounds`);
  });

  it('a deadlock victim retries the whole transaction and applies once', async () => {
    const other = await mysql.createConnection({ uri: db.url });
    try {
      await other.query('CREATE TABLE IF NOT EXISTS ballast (n int) ENGINE=InnoDB');
      const j = job(db.name, { target: { schema: db.name, table: 'invoices', primary_key: { column: 'invoice_id', value: 'D-1' } } });
      await db.admin.query("INSERT INTO invoices (invoice_id, tenant_id, amount_cents, status, row_version) VALUES ('D-1', 'acme', 1, 'open', 1)");
      retries.length = 0;
      await other.query('START TRANSACTION');
      // Heavier than the applier, so InnoDB picks the applier as the deadlock victim.
      await other.query(`INSERT INTO ballast VALUES ${Array.from({ length: 500 }, (_, i) => `(${i})`).join(',')}`);
      await other.query("SELECT * FROM invoices WHERE invoice_id = 'D-1' FOR UPDATE");
      const applying = first.applyGuardedUpdate(j, { dryRun: false });
      // Condition wait: the applier holds its claim and waits for our row lock.
      for (;;) {
        const [rows] = (await db.admin.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() AND INFO LIKE '%FOR UPDATE%' AND INFO LIKE '%invoices%'", [db.name])) as unknown as [[{ n: string }]];
        if (Number(rows[0].n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // Closing the cycle: we wait for its claim row, it waits for our invoice row.
      await other.query('INSERT INTO synapsor_writeback_receipts (idempotency_key, job_id, proposal_id, status) VALUES (?, ?, ?, ?)', [j.idempotency_key, j.writeback_job_id, j.proposal_id, 'in_progress']);
      await other.query('ROLLBACK');
      expect(await applying).toMatchObject({ status: 'applied', rows_affected: 1 });
      expect(retries).toEqual([expect.objectContaining({ errno: 1213, retry: 1 })]);
      const [writes] = (await db.admin.query("SELECT COUNT(*) AS n FROM invoice_writes WHERE invoice_id = 'D-1'")) as unknown as [[{ n: string }]];
      expect(Number(writes[0].n)).toBe(1);
    } finally {
      await other.end();
    }
  });
});
