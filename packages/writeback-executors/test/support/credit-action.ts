import { sql } from 'kysely';
import { HandlerConflict, type WritebackAction } from '../../src/handler.js';

/** The seed's account-credit action: one credit row + the invoice update, in the helper's transaction. */
export function creditAction(schema: string, amountCents = 2500): WritebackAction {
  return async ({ request, tx, row }) => {
    if (Number(row.credit_limit_cents) < amountCents) throw new HandlerConflict('CREDIT_POLICY_CHANGED', { reason: 'credit limit changed' });
    if (request.patch.waiver_reason === 'explode') throw new Error('duplicate key value violates unique constraint "secret_idx"');
    const inserted = await sql<{ id: number }>`
      INSERT INTO ${sql.id(schema, 'account_credits')} (idempotency_key, tenant_id, invoice_id, amount_cents, reason)
      VALUES (${request.idempotency_key}, ${request.tenant_guard!.value}, ${row.id as string}, ${amountCents}, ${request.patch.waiver_reason ?? null})
      RETURNING id`.execute(tx);
    const updated = await sql<{ v: string }>`
      UPDATE ${sql.id(schema, 'invoices')}
      SET late_fee_cents = ${request.patch.late_fee_cents}, waiver_reason = ${request.patch.waiver_reason},
          credited_cents = credited_cents + ${amountCents}, updated_at = clock_timestamp()
      WHERE id = ${row.id as string} AND tenant_id = ${request.tenant_guard!.value}
      RETURNING CAST(updated_at AS text) AS v`.execute(tx);
    return { rows_affected: 2, new_version: updated.rows[0]!.v, new_object_id: `CR-${inserted.rows[0]!.id}` };
  };
}
