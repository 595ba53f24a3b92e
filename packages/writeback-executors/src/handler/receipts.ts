import { sql, type Transaction } from 'kysely';
import type { JsonObject } from '@synapsor/core';
import type { WritebackRequest } from './request-schema.js';
import { receiptTableRef } from './dialect.js';

export type StoredStatus = 'applied' | 'conflict';

export interface StoredReceipt {
  status: StoredStatus;
  receipt: JsonObject;
}

type Tx = Transaction<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type TableName = { schema?: string; table: string } | undefined;

/** Step (a): the stored receipt for this key, locked so a redelivery waits for the first one. */
export async function lockStoredReceipt(tx: Tx, table: TableName, key: string): Promise<StoredReceipt | null> {
  const result = await sql<{ status: string; receipt_json: unknown }>`
    SELECT status, receipt_json FROM ${receiptTableRef(table)} WHERE idempotency_key = ${key} FOR UPDATE`.execute(tx);
  const row = result.rows[0];
  if (!row || (row.status !== 'applied' && row.status !== 'conflict')) return null;
  // jsonb arrives parsed (pg); MariaDB's JSON is LONGTEXT and arrives as a string.
  const receipt = typeof row.receipt_json === 'string' ? JSON.parse(row.receipt_json) : row.receipt_json;
  return { status: row.status, receipt: receipt as JsonObject };
}

/** Stored inside the business transaction, so it commits (or not) together with the effect. */
export async function storeReceipt(tx: Tx, table: TableName, request: WritebackRequest, status: StoredStatus, receipt: JsonObject): Promise<void> {
  await sql`
    INSERT INTO ${receiptTableRef(table)}
      (idempotency_key, proposal_id, writeback_job_id, action, status, receipt_json, completed_at)
    VALUES (${request.idempotency_key}, ${request.proposal_id}, ${request.writeback_job_id}, ${request.action},
            ${status}, ${JSON.stringify(receipt)}, CURRENT_TIMESTAMP(6))`.execute(tx);
}
