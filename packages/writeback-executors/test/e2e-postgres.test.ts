import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import type { SourceAdapter } from '@synapsor/core';
import { apply, type ApplyOptions } from '../src/index.js';
import { fastifyWritebackPlugin, migrateHandlerReceipts } from '../src/handler.js';
import { creditAction } from './support/credit-action.js';
import { makeApproval, makeConfig, makeProposal, type ProposalInput } from './support/fixtures.js';
import { createTestSchema, postgresAvailable, POSTGRES_URL, type TestDatabase } from './support/postgres.js';
import { HANDLER_ENV } from './support/signed-request.js';
import { createTestStore } from './support/test-store.js';

const available = await postgresAvailable();
const commandFixture = fileURLToPath(new URL('./fixtures/command-pg-handler.mjs', import.meta.url));

describe.skipIf(!available)('apply end to end on PostgreSQL', () => {
  let t: TestDatabase;
  let adapter: SourceAdapter;
  let app: FastifyInstance;
  let env: Record<string, string>;
  let failNext = false;
  const store = createTestStore();
  const audits = (id: string) => t.count(`SELECT count(*) AS n FROM $schema.update_audit WHERE invoice_id = '${id}'`);
  const row = async (id: string) =>
    (await sql<{ late_fee_cents: number; waiver_reason: string | null }>`SELECT late_fee_cents, waiver_reason FROM ${sql.id(t.schema, 'invoices')} WHERE id = ${id}`.execute(t.db)).rows[0];
  const seed = (input: ProposalInput) => {
    const proposal = makeProposal({ schema: t.schema, ...input });
    store.seed(proposal, [makeApproval(proposal)]);
    return proposal;
  };
  const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    config: makeConfig(t.schema), store, sources: { app_pg: adapter }, actor: 'billing.lead', env, ...extra,
  });

  beforeAll(async () => {
    t = await createTestSchema();
    env = {
      APP_READ_URL: POSTGRES_URL,
      APP_WRITE_URL: `${POSTGRES_URL}?application_name=synapsor_writer`,
      BILLING_TOKEN: HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_TOKEN,
      BILLING_SECRET: HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET,
      TICKET_COMMAND: `${process.execPath} ${commandFixture}`,
      PATH: process.env.PATH ?? '',
      HANDLER_DB_URL: POSTGRES_URL,
    };
    adapter = createPostgresAdapter({ sourceId: 'app_pg', readUrlEnv: 'APP_READ_URL', writeUrlEnv: 'APP_WRITE_URL', statementTimeoutMs: 5000, poolMax: 2, receiptsSchema: t.schema, env });
    await migrateHandlerReceipts(t.db, { receiptTable: { schema: t.schema, table: 'synapsor_handler_receipts' } });
    app = Fastify();
    const credit = creditAction(t.schema);
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
    env.BILLING_URL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/synapsor/writeback`;
  });
  afterAll(async () => {
    await app?.close();
    await adapter?.close();
    await t?.drop();
  });

  it('sql_update: approved → applied, row changed once; re-apply → already_applied, no second write', async () => {
    await sql`INSERT INTO ${sql.id(t.schema, 'invoices')} (id, tenant_id, late_fee_cents, updated_at) VALUES ('SQL-1', 'acme', 1500, '2026-06-20T14:31:08.123456Z')`.execute(t.db);
    const proposal = seed({ objectId: 'SQL-1' });
    const result = await apply(proposal.proposal_id, options());
    expect(result.receipt).toMatchObject({ status: 'applied', rows_affected: 1, source_database_mutated: true, idempotency_key: `${proposal.proposal_id}:SQL-1` });
    expect(await row('SQL-1')).toEqual({ late_fee_cents: 0, waiver_reason: 'goodwill' });
    const again = await apply(proposal.proposal_id, options());
    expect(again).toMatchObject({ ok: true, already_applied: true });
    expect(await audits('SQL-1')).toBe(1);
  });

  it('sql_update: stale row → conflict VERSION_CONFLICT, source unchanged', async () => {
    await sql`INSERT INTO ${sql.id(t.schema, 'invoices')} (id, tenant_id, late_fee_cents, updated_at) VALUES ('SQL-2', 'acme', 1500, '2026-06-21T00:00:00Z')`.execute(t.db);
    const proposal = seed({ objectId: 'SQL-2' });
    const result = await apply(proposal.proposal_id, options());
    expect(result.receipt).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT', rows_affected: 0, source_database_mutated: false });
    expect(await row('SQL-2')).toEqual({ late_fee_cents: 1500, waiver_reason: null });
    expect(store.state().proposals[proposal.proposal_id]!.state).toBe('conflict');
    expect(JSON.stringify(result)).not.toContain('127.0.0.1');
  });

  it('sql_update: other tenant → conflict ROW_NOT_FOUND, no write', async () => {
    const proposal = seed({ objectId: 'INV-4001', tenant: 'acme' });
    const result = await apply(proposal.proposal_id, options());
    expect(result.receipt).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_NOT_FOUND' });
    expect(await audits('INV-4001')).toBe(0);
  });

  it('http_handler: applied through the helper on a loopback fastify; failed then --retry applies once', async () => {
    await sql`INSERT INTO ${sql.id(t.schema, 'invoices')} (id, tenant_id, late_fee_cents, updated_at) VALUES ('HTTP-1', 'acme', 1500, '2026-06-20T14:31:08.123456Z')`.execute(t.db);
    const proposal = seed({ objectId: 'HTTP-1', action: 'billing.propose_waiver_via_api', executor: 'billing_api' });
    failNext = true;
    const first = await apply(proposal.proposal_id, options());
    expect(first.receipt).toMatchObject({ status: 'failed', safe_error_code: 'HANDLER_BUSINESS_ERROR', attempt: 1 });
    expect(await audits('HTTP-1')).toBe(0);
    const dry = await apply(proposal.proposal_id, options({ dryRun: true, retry: true }));
    expect(dry.dry_run).toMatchObject({ would: 'applied' });
    expect(await audits('HTTP-1')).toBe(0);
    const retried = await apply(proposal.proposal_id, options({ retry: true }));
    expect(retried.receipt).toMatchObject({ status: 'applied', rows_affected: 2, attempt: 2 });
    expect(String((retried.receipt!.details as { new_object_id: string }).new_object_id)).toMatch(/^CR-/);
    expect(await audits('HTTP-1')).toBe(1);
    expect(await t.count(`SELECT count(*) AS n FROM $schema.account_credits WHERE invoice_id = 'HTTP-1'`)).toBe(1);
  });

  it('http_handler: a wrong token is refused by the helper → failed with its safe code, no effect', async () => {
    await sql`INSERT INTO ${sql.id(t.schema, 'invoices')} (id, tenant_id, late_fee_cents, updated_at) VALUES ('HTTP-2', 'acme', 1500, '2026-06-20T14:31:08.123456Z')`.execute(t.db);
    const proposal = seed({ objectId: 'HTTP-2', action: 'billing.propose_waiver_via_api', executor: 'billing_api' });
    const result = await apply(proposal.proposal_id, options({ env: { ...env, BILLING_TOKEN: 'wrong-token-value' } }));
    expect(result.receipt).toMatchObject({ status: 'failed', safe_error_code: 'UNAUTHORIZED' });
    expect(await audits('HTTP-2')).toBe(0);
  });

  it('command_handler: a real child process applies under tenant + version guard', async () => {
    await sql`INSERT INTO ${sql.id(t.schema, 'invoices')} (id, tenant_id, late_fee_cents, updated_at) VALUES ('CMD-1', 'acme', 1500, '2026-06-20T14:31:08.123456Z')`.execute(t.db);
    const proposal = seed({ objectId: 'CMD-1', action: 'billing.propose_waiver_via_command', executor: 'ticket_cmd' });
    const commandEnv = { ...env };
    const config = makeConfig(t.schema) as any;
    config.executors.ticket_cmd.pass_env = ['HANDLER_DB_URL'];
    const result = await apply(proposal.proposal_id, options({ config, env: commandEnv }));
    expect(result.receipt).toMatchObject({ status: 'applied', rows_affected: 1, previous_version: '2026-06-20 14:31:08.123456+00' });
    expect(await row('CMD-1')).toEqual({ late_fee_cents: 0, waiver_reason: 'goodwill' });
  });
});
