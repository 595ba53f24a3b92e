// Account-credit handler for `billing.propose_account_credit` (executor `billing_api`).
// One transaction: insert an account_credits row and update invoices.credited_cents + updated_at.
// The helper does the signature/tenant/version/idempotency work; this file holds the business rule.
// Env: DATABASE_URL, SYNAPSOR_APP_WRITEBACK_TOKEN, SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET,
//      APP_TENANTS (comma list this deployment serves), PORT (default 8787).
import Fastify from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { fastifyWritebackPlugin, HandlerConflict, migrateHandlerReceipts } from '@synapsor/writeback-executors/handler';

const database = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) }) });
await migrateHandlerReceipts(database);
const tenants = new Set((process.env.APP_TENANTS ?? '').split(',').map((t) => t.trim()).filter(Boolean));

async function accountCredit({ request, tx, row }) {
  const amount = Number(request.patch.credited_cents) - Number(row.credited_cents);
  // Business policy re-checked at apply time, under the row lock.
  if (!(amount > 0) || Number(request.patch.credited_cents) > Number(row.balance_cents)) {
    throw new HandlerConflict('CREDIT_POLICY_CHANGED', { reason: 'credit no longer within the invoice balance' });
  }
  const credit = await sql`
    INSERT INTO account_credits (idempotency_key, tenant_id, invoice_id, amount_cents, reason)
    VALUES (${request.idempotency_key}, ${request.tenant_guard.value}, ${row.id}, ${amount}, ${request.patch.credit_reason ?? null})
    RETURNING id`.execute(tx);
  const invoice = await sql`
    UPDATE invoices SET credited_cents = ${request.patch.credited_cents}, updated_at = clock_timestamp()
    WHERE id = ${row.id} AND tenant_id = ${request.tenant_guard.value}
    RETURNING CAST(updated_at AS text) AS version`.execute(tx);
  return { rows_affected: 2, new_version: invoice.rows[0].version, new_object_id: `CR-${credit.rows[0].id}` };
}

const app = Fastify({ logger: true });
await app.register(fastifyWritebackPlugin, {
  database,
  authorize: (request) => request.tenant_guard !== null && tenants.has(String(request.tenant_guard.value)),
  actions: { 'billing.propose_account_credit': accountCredit },
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 8787) });
