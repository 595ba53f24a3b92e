// Synapsor Runner app-owned writeback handler (Node + fastify + kysely).
// The helper performs checks 1–13 (POST, size, bearer, HMAC signature, issued-at, JSON, shape,
// protocol, proposal hash, action, authorize) and then one transaction: idempotency lookup,
// row lock by primary key + tenant, version check, dry-run rollback, your action, receipt row.
// Env: SYNAPSOR_APP_WRITEBACK_TOKEN, SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET, DATABASE_URL, PORT.
import Fastify from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { fastifyWritebackPlugin, HandlerConflict, migrateHandlerReceipts } from '@synapsor/writeback-executors/handler';

const database = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) }) });
await migrateHandlerReceipts(database);

const app = Fastify({ logger: true });
await app.register(fastifyWritebackPlugin, {
  database,
  // Your tenant/principal policy: may this principal act for this tenant? (fails closed)
  authorize: async (request) => request.tenant_guard !== null && request.approval.status === 'approved',
  actions: {
    // One reviewed action; `row` is the locked target row, `tx` the open transaction.
    'billing.propose_late_fee_waiver': async ({ request, tx, row }) => {
      if (row.status === 'void') throw new HandlerConflict('INVOICE_VOIDED');
      const updated = await sql`
        UPDATE invoices SET late_fee_cents = ${request.patch.late_fee_cents}, updated_at = clock_timestamp()
        WHERE id = ${row.id} AND tenant_id = ${request.tenant_guard.value}
        RETURNING CAST(updated_at AS text) AS v`.execute(tx);
      return { rows_affected: 1, new_version: updated.rows[0].v };
    },
  },
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 8787) });
