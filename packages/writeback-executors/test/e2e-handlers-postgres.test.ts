import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apply } from '../src/index.js';
import { fastifyWritebackPlugin, migrateHandlerReceipts } from '../src/handler.js';
import { creditAction } from './support/credit-action.js';
import { createTestDatabase, describeEngines, VERSION_UTC, type TestDatabase } from './support/databases.js';
import { SERVER_URLS } from './support/engines.js';
import { makeConfig } from './support/fixtures.js';
import { openRunner, type Runner } from './support/runner.js';
import { HANDLER_ENV } from './support/signed-request.js';

const commandFixture = fileURLToPath(new URL('./fixtures/command-pg-handler.mjs', import.meta.url));

// The command fixture speaks PostgreSQL only; the sql_update suite covers both engines.
describeEngines('handler executors end to end', (traits) => {
  let t: TestDatabase;
  let runner: Runner;
  let app: FastifyInstance;
  let failNext = false;
  const audits = (id: string) => t.count(`SELECT count(*) AS n FROM $schema.update_audit WHERE invoice_id = '${id}'`);
  const approvedFor = async (id: string, action: string) => {
    await t.insertInvoice(id);
    return runner.proposer.approved({ invoiceId: id, action });
  };

  beforeAll(async () => {
    t = await createTestDatabase(traits);
    runner = await openRunner(t, {
      BILLING_TOKEN: HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_TOKEN,
      BILLING_SECRET: HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET,
      TICKET_COMMAND: `${process.execPath} ${commandFixture}`,
      PATH: process.env.PATH ?? '',
      HANDLER_DB_URL: SERVER_URLS.postgres,
    });
    await migrateHandlerReceipts(t.db, { receiptTable: { schema: t.schema, table: 'synapsor_handler_receipts' } });
    app = Fastify();
    const credit = creditAction(t);
    await app.register(fastifyWritebackPlugin, {
      database: t.db,
      env: HANDLER_ENV,
      receiptTable: { schema: t.schema, table: 'synapsor_handler_receipts' },
      authorize: (request) => request.tenant_guard?.value === 'acme',
      actions: {
        'billing.propose_waiver_via_api': async (input) => {
          if (failNext) {
            failNext = false;
            throw new Error('transient');
          }
          return credit(input);
        },
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    runner.env.BILLING_URL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/synapsor/writeback`;
  });
  afterAll(async () => {
    await app?.close();
    await runner?.close();
    await t?.drop();
  });

  it('http_handler: applied through the helper on a loopback fastify; failed then --retry applies once', async () => {
    const proposal = await approvedFor('HTTP-1', 'billing.propose_waiver_via_api');
    failNext = true;
    const first = await apply(proposal.proposal_id, runner.options());
    expect(first.receipt).toMatchObject({ status: 'failed', safe_error_code: 'HANDLER_BUSINESS_ERROR', attempt: 1 });
    expect(await audits('HTTP-1')).toBe(0);
    const dry = await apply(proposal.proposal_id, runner.options({ dryRun: true, retry: true }));
    expect(dry.dry_run).toMatchObject({ would: 'applied' });
    expect(await audits('HTTP-1')).toBe(0);
    const retried = await apply(proposal.proposal_id, runner.options({ retry: true }));
    expect(retried.receipt).toMatchObject({ status: 'applied', rows_affected: 2, attempt: 2 });
    expect(String((retried.receipt!.details as { new_object_id: string }).new_object_id)).toMatch(/^CR-/);
    expect(await audits('HTTP-1')).toBe(1);
    expect(await t.count(`SELECT count(*) AS n FROM $schema.account_credits WHERE invoice_id = 'HTTP-1'`)).toBe(1);
    expect((await runner.store.getProposal(proposal.proposal_id))!.state).toBe('applied');
  });

  it('http_handler: a wrong token is refused by the helper → failed with its safe code, no effect', async () => {
    const proposal = await approvedFor('HTTP-2', 'billing.propose_waiver_via_api');
    const result = await apply(proposal.proposal_id, runner.options({ env: { ...runner.env, BILLING_TOKEN: 'wrong-token-value' } }));
    expect(result.receipt).toMatchObject({ status: 'failed', safe_error_code: 'UNAUTHORIZED' });
    expect(await audits('HTTP-2')).toBe(0);
  });

  it('command_handler: a real child process applies under tenant + version guard', async () => {
    const proposal = await approvedFor('CMD-1', 'billing.propose_waiver_via_command');
    const config = makeConfig({ schema: t.schema });
    config.executors.ticket_cmd.pass_env = ['HANDLER_DB_URL'];
    const result = await apply(proposal.proposal_id, runner.options({ config }));
    expect(result.receipt).toMatchObject({ status: 'applied', rows_affected: 1, previous_version: traits.versionText(VERSION_UTC) });
    const row = await sql<{ late_fee_cents: number; waiver_reason: string | null }>`SELECT late_fee_cents, waiver_reason FROM ${sql.id(t.schema, 'invoices')} WHERE id = 'CMD-1'`.execute(t.db);
    expect(row.rows[0]).toEqual({ late_fee_cents: 0, waiver_reason: 'goodwill' });
  });
}, ['postgres']);
