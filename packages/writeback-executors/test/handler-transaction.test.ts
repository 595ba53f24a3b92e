import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWritebackHandler, migrateHandlerReceipts, type HandlerOptions } from '../src/handler.js';
import { creditAction } from './support/credit-action.js';
import { makeProposal } from './support/fixtures.js';
import { createTestDatabase, describeEngines, VERSION_UTC, type TestDatabase } from './support/databases.js';
import { HANDLER_ENV, signedRequest } from './support/signed-request.js';

// MySQL runs on the kysely MysqlDialect with session time_zone '+00:00' (support/engines.ts).
describeEngines('handler helper transaction', (traits) => {
  let t: TestDatabase;
  let options: HandlerOptions;
  const credits = () => t.count('SELECT count(*) AS n FROM $schema.account_credits');
  const stored = () => t.count('SELECT count(*) AS n FROM $schema.synapsor_handler_receipts');
  const proposal = (input: Parameters<typeof makeProposal>[0] = {}) =>
    makeProposal({ action: 'billing.propose_waiver_via_api', executor: 'billing_api', schema: t.schema, ...input });

  beforeAll(async () => {
    t = await createTestDatabase(traits);
    await migrateHandlerReceipts(t.db, { receiptTable: { schema: t.schema, table: 'synapsor_handler_receipts' } });
    await migrateHandlerReceipts(t.db, { receiptTable: { schema: t.schema, table: 'synapsor_handler_receipts' } }); // idempotent
    options = {
      database: t.db,
      env: HANDLER_ENV,
      receiptTable: { schema: t.schema, table: 'synapsor_handler_receipts' },
      authorize: (request) => ['acme', 'globex'].includes(String(request.tenant_guard?.value)),
      actions: { 'billing.propose_waiver_via_api': creditAction(t) },
    };
  });
  afterAll(async () => t?.drop());

  it('applies once in one transaction; a redelivery answers already_applied with the original receipt', async () => {
    const handle = createWritebackHandler(options);
    const request = signedRequest({ proposal: proposal() });
    const first = await handle(request);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'applied', rows_affected: 2, source_database_mutated: true, previous_version: traits.versionText(VERSION_UTC) });
    expect(String(first.body.new_object_id)).toMatch(/^CR-\d+$/);
    expect(await credits()).toBe(1);
    const again = await handle(signedRequest({ proposal: request.proposal }));
    expect(again.body).toEqual({ status: 'already_applied', rows_affected: 0, source_database_mutated: false, details: { original_receipt: first.body } });
    expect(await credits()).toBe(1);
  });

  it('other tenant → conflict ROW_NOT_FOUND_OR_WRONG_TENANT, stored, no effect', async () => {
    const handle = createWritebackHandler(options);
    const request = signedRequest({ proposal: proposal({ tenant: 'globex', objectId: 'INV-3001' }) });
    const before = await stored();
    const result = await handle(request);
    expect(result).toMatchObject({ status: 200, body: { status: 'conflict', safe_error_code: 'ROW_NOT_FOUND_OR_WRONG_TENANT', rows_affected: 0 } });
    expect(await stored()).toBe(before + 1);
    expect((await handle(signedRequest({ proposal: request.proposal }))).body).toEqual(result.body);
  });

  it('stale version → ROW_CHANGED_AFTER_PROPOSAL with previous_version; row untouched', async () => {
    const handle = createWritebackHandler(options);
    const result = await handle(signedRequest({ proposal: proposal({ objectId: 'INV-4001', tenant: 'globex', expected: { column: 'updated_at', value: '2026-06-20T14:31:08.123Z' } }) }));
    expect(result.body).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_CHANGED_AFTER_PROPOSAL', previous_version: traits.versionText(VERSION_UTC) });
    expect(await t.count(`SELECT count(*) AS n FROM $schema.invoices WHERE id = 'INV-4001' AND late_fee_cents = 1500`)).toBe(1);
  });

  it('dry run rolls back: applied with 0 rows and nothing stored', async () => {
    const handle = createWritebackHandler(options);
    const before = [await credits(), await stored()];
    const result = await handle(signedRequest({ proposal: proposal({ objectId: 'INV-4001', tenant: 'globex' }), dryRun: true }));
    expect(result.body).toEqual({ status: 'applied', rows_affected: 0, source_database_mutated: false, details: { dry_run: true } });
    expect([await credits(), await stored()]).toEqual(before);
  });

  it('HandlerConflict rolls back the action and stores the conflict', async () => {
    await sql`UPDATE ${sql.id(t.schema, 'invoices')} SET credit_limit_cents = 0 WHERE id = 'INV-4001'`.execute(t.db);
    const current = await sql<{ v: string }>`SELECT CAST(updated_at AS ${sql.raw(traits.textType)}) AS v FROM ${sql.id(t.schema, 'invoices')} WHERE id = 'INV-4001'`.execute(t.db);
    const handle = createWritebackHandler(options);
    const p = proposal({ objectId: 'INV-4001', tenant: 'globex', expected: { column: 'updated_at', value: current.rows[0]!.v } });
    const result = await handle(signedRequest({ proposal: p }));
    expect(result.body).toMatchObject({ status: 'conflict', safe_error_code: 'CREDIT_POLICY_CHANGED', details: { reason: 'credit limit changed' } });
    expect(await t.count(`SELECT count(*) AS n FROM $schema.account_credits WHERE invoice_id = 'INV-4001'`)).toBe(0);
    expect((await handle(signedRequest({ proposal: p }))).body).toEqual(result.body);
  });

  it('an action that throws → 500 HANDLER_BUSINESS_ERROR, nothing stored, no driver text; a retry can succeed', async () => {
    const handle = createWritebackHandler(options);
    // A fresh row whose version matches, so the action itself is what fails.
    await t.insertInvoice('INV-5001');
    const bad = proposal({ objectId: 'INV-5001', patch: { late_fee_cents: 0, waiver_reason: 'explode' } });
    const before = await stored();
    const result = await handle(signedRequest({ proposal: bad }));
    expect(result).toEqual({ status: 500, body: { status: 'failed', safe_error_code: 'HANDLER_BUSINESS_ERROR', rows_affected: 0, source_database_mutated: false } });
    expect(await stored()).toBe(before);
    const good = proposal({ objectId: 'INV-5001' });
    expect((await handle(signedRequest({ proposal: good }))).body).toMatchObject({ status: 'applied' });
  });

  it('concurrent deliveries of one request apply once', async () => {
    await t.insertInvoice('INV-6001');
    const handle = createWritebackHandler({ ...options, actions: { 'billing.propose_waiver_via_api': async (input) => {
      // Keeps the version unchanged, so only the idempotency re-check can stop the second delivery.
      await sql`INSERT INTO ${sql.id(t.schema, 'account_credits')} (idempotency_key, tenant_id, invoice_id, amount_cents) VALUES (${`race-${input.request.idempotency_key}-${Math.random()}`}, 'acme', 'INV-6001', 1)`.execute(input.tx);
      return {};
    } } });
    const p = proposal({ objectId: 'INV-6001' });
    const results = await Promise.all([handle(signedRequest({ proposal: p })), handle(signedRequest({ proposal: p }))]);
    expect(results.map((r) => r.body.status).sort()).toEqual(['already_applied', 'applied']);
    expect(await t.count(`SELECT count(*) AS n FROM $schema.account_credits WHERE invoice_id = 'INV-6001'`)).toBe(1);
  });

  it('a deadlock victim is retried as a whole transaction (≤ 3 attempts); effects land once', async () => {
    await t.insertInvoice('INV-7001');
    await t.insertInvoice('INV-7002');
    const credit = creditAction(t);
    let calls = 0;
    const failing = (times: number) => createWritebackHandler({ ...options, actions: { 'billing.propose_waiver_via_api': async (input) => {
      calls += 1;
      const result = await credit(input);
      // What the driver throws for InnoDB's victim (errno 1213) after this attempt already wrote.
      if (calls <= times) throw Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' });
      return result;
    } } });
    const once = await failing(1)(signedRequest({ proposal: proposal({ objectId: 'INV-7001' }) }));
    expect(once.body).toMatchObject({ status: 'applied', rows_affected: 2 });
    expect(calls).toBe(2);
    expect(await t.count(`SELECT count(*) AS n FROM $schema.account_credits WHERE invoice_id = 'INV-7001'`)).toBe(1);
    calls = 0;
    const always = await failing(99)(signedRequest({ proposal: proposal({ objectId: 'INV-7002' }) }));
    expect(always).toEqual({ status: 500, body: { status: 'failed', safe_error_code: 'HANDLER_EXCEPTION', rows_affected: 0, source_database_mutated: false } });
    expect(calls).toBe(3);
    expect(await t.count(`SELECT count(*) AS n FROM $schema.account_credits WHERE invoice_id = 'INV-7002'`)).toBe(0);
  });
});
