import { sql } from 'kysely';
import { HandlerConflict, type WritebackAction } from '../../src/handler.js';
import type { TestDatabase } from './databases.js';

/**
 * The seed's account-credit action: one credit row + the invoice update, in the helper's
 * transaction. Re-selects instead of `RETURNING`, which MariaDB lacks for these statements.
 */
export function creditAction(t: TestDatabase, amountCents = 2500): WritebackAction {
  return async ({ request, tx, row }) => {
    if (Number(row.credit_limit_cents) < amountCents) throw new HandlerConflict('CREDIT_POLICY_CHANGED', { reason: 'credit limit changed' });
    if (request.patch.waiver_reason === 'explode') throw new Error('duplicate key value violates unique constraint "secret_idx"');
    await sql`INSERT INTO ${sql.id(t.schema, 'account_credits')} (idempotency_key, tenant_id, invoice_id, amount_cents, reason)
      VALUES (${request.idempotency_key}, ${request.tenant_guard!.value}, ${row.id as string}, ${amountCents}, ${request.patch.waiver_reason ?? null})`.execute(tx);
    const credit = await sql<{ id: number }>`SELECT id FROM ${sql.id(t.schema, 'account_credits')} WHERE idempotency_key = ${request.idempotency_key}`.execute(tx);
    const where = sql`WHERE id = ${row.id as string} AND tenant_id = ${request.tenant_guard!.value}`;
    await sql`UPDATE ${sql.id(t.schema, 'invoices')}
      SET late_fee_cents = ${request.patch.late_fee_cents}, waiver_reason = ${request.patch.waiver_reason},
          credited_cents = credited_cents + ${amountCents}, updated_at = ${sql.raw(t.traits.nowExpr)} ${where}`.execute(tx);
    const version = await sql<{ v: string }>`SELECT CAST(updated_at AS ${sql.raw(t.traits.textType)}) AS v FROM ${sql.id(t.schema, 'invoices')} ${where}`.execute(tx);
    return { rows_affected: 2, new_version: version.rows[0]!.v, new_object_id: `CR-${credit.rows[0]!.id}` };
  };
}
