import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apply } from '../src/index.js';
import { createTestDatabase, describeEngines, type TestDatabase } from './support/databases.js';
import { ledgerView } from './support/ledger.js';
import { openRunner, type Runner } from './support/runner.js';

describeEngines('sql_update end to end (real adapter, SQLite ledger)', (traits) => {
  let t: TestDatabase;
  let runner: Runner;
  const audits = (id: string) => t.count(`SELECT count(*) AS n FROM $schema.update_audit WHERE invoice_id = '${id}'`);
  const row = async (id: string) =>
    (await sql<{ late_fee_cents: number; waiver_reason: string | null }>`SELECT late_fee_cents, waiver_reason FROM ${sql.id(t.schema, 'invoices')} WHERE id = ${id}`.execute(t.db)).rows[0];
  /** A fresh invoice and an approved proposal for it, made by core's runtime reading the row. */
  const approvedFor = async (id: string) => {
    await t.insertInvoice(id);
    return runner.proposer.approved({ invoiceId: id });
  };

  beforeAll(async () => {
    t = await createTestDatabase(traits);
    runner = await openRunner(t);
  });
  afterAll(async () => {
    await runner?.close();
    await t?.drop();
  });

  it('approved → applied, row changed once; re-apply → already_applied, no second write', async () => {
    const proposal = await approvedFor('SQL-1');
    const result = await apply(proposal.proposal_id, runner.options());
    expect(result.receipt).toMatchObject({ status: 'applied', rows_affected: 1, source_database_mutated: true, idempotency_key: `${proposal.proposal_id}:SQL-1` });
    expect(await row('SQL-1')).toEqual({ late_fee_cents: 0, waiver_reason: 'goodwill' });
    const again = await apply(proposal.proposal_id, runner.options());
    expect(again).toMatchObject({ ok: true, already_applied: true, receipt: { receipt_id: result.receipt!.receipt_id } });
    expect(await audits('SQL-1')).toBe(1);
    const view = await ledgerView(runner.store, proposal.proposal_id);
    expect(view.proposal!.state).toBe('applied');
    expect(view.events.map((event) => event.kind)).toEqual(['proposal_created', 'proposal_approved', 'writeback_started', 'writeback_applied']);
  });

  it('the row changed after the proposal → conflict VERSION_CONFLICT, source unchanged', async () => {
    const proposal = await approvedFor('SQL-2');
    await sql.raw(`UPDATE ${t.schema}.invoices SET updated_at = ${traits.nowExpr} WHERE id = 'SQL-2'`).execute(t.db);
    const result = await apply(proposal.proposal_id, runner.options());
    expect(result.receipt).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT', rows_affected: 0, source_database_mutated: false });
    expect(await row('SQL-2')).toEqual({ late_fee_cents: 1500, waiver_reason: null });
    expect(await audits('SQL-2')).toBe(1); // only the concurrent change above
    expect((await runner.store.getProposal(proposal.proposal_id))!.state).toBe('conflict');
    expect(JSON.stringify(result)).not.toContain('127.0.0.1');
  });

  it('the row moved to another tenant → conflict ROW_NOT_FOUND, no write', async () => {
    const proposal = await approvedFor('SQL-3');
    await sql`UPDATE ${sql.id(t.schema, 'invoices')} SET tenant_id = 'globex' WHERE id = 'SQL-3'`.execute(t.db);
    const before = await audits('SQL-3');
    const result = await apply(proposal.proposal_id, runner.options());
    expect(result.receipt).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_NOT_FOUND', rows_affected: 0 });
    expect(await audits('SQL-3')).toBe(before);
    expect(await row('SQL-3')).toEqual({ late_fee_cents: 1500, waiver_reason: null });
  });

  it('duplicate apply: two concurrent applies → one claims and writes once, the other WRITEBACK_IN_PROGRESS', async () => {
    const proposal = await approvedFor('SQL-4');
    const results = await Promise.all([apply(proposal.proposal_id, runner.options()), apply(proposal.proposal_id, runner.options())]);
    expect(results.map((result) => result.refused?.code ?? result.receipt?.status).sort()).toEqual(['WRITEBACK_IN_PROGRESS', 'applied']);
    expect(await audits('SQL-4')).toBe(1);
    expect(await runner.store.listReceiptsFor(proposal.proposal_id)).toHaveLength(1);
  });

  it('dry run: would apply, source untouched, proposal still approved', async () => {
    const proposal = await approvedFor('SQL-5');
    const result = await apply(proposal.proposal_id, runner.options({ dryRun: true }));
    expect(result.dry_run).toMatchObject({ would: 'applied', safe_error_code: null });
    expect(await audits('SQL-5')).toBe(0);
    expect((await runner.store.getProposal(proposal.proposal_id))!.state).toBe('approved');
  });
});
