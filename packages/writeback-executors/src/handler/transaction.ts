import { sql, type ControlledTransaction } from 'kysely';
import { isSafeCode, rowHash, versionsMatch } from '@synapsor/core';
import type { JsonObject, NormalizedValue } from '@synapsor/core';
import { asText, detectDialect, normaliseValue, type Dialect } from './dialect.js';
import { HandlerConflict } from './conflict.js';
import { failure, type HandlerOptions, type HandlerResponse } from './options.js';
import { lockStoredReceipt, storeReceipt } from './receipts.js';
import type { WritebackRequest } from './request-schema.js';

type Tx = ControlledTransaction<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const VERSION_ALIAS = '__synapsor_version_text';
const ok = (body: JsonObject): HandlerResponse => ({ status: 200, body });

/** Step (b): the target row by primary key and tenant, locked; missing and foreign look alike. */
async function lockRow(tx: Tx, dialect: Dialect, request: WritebackRequest): Promise<Record<string, unknown> | null> {
  const { target, tenant_guard: tenant } = request;
  const expected = request.guards.expected_version;
  const versionColumn = 'columns' in expected ? target.primary_key.column : expected.column;
  const tenantClause = tenant ? sql` AND ${sql.ref(tenant.column)} = ${tenant.value}` : sql``;
  const result = await sql<Record<string, unknown>>`
    SELECT *, ${asText(dialect, versionColumn)} AS ${sql.ref(VERSION_ALIAS)}
    FROM ${sql.id(target.schema, target.table)}
    WHERE ${sql.ref(target.primary_key.column)} = ${target.primary_key.value}${tenantClause}
    FOR UPDATE`.execute(tx);
  return result.rows[0] ?? null;
}

/** Step (c): the version the proposal saw is still current; returns the current version text. */
function versionCheck(request: WritebackRequest, row: Record<string, unknown>): { matches: boolean; current: string | null } {
  const expected = request.guards.expected_version;
  const text = row[VERSION_ALIAS] as string | null;
  if ('columns' in expected) {
    const normalised: Record<string, NormalizedValue> = {};
    for (const column of expected.columns) normalised[column] = normaliseValue(row[column], null);
    const current = rowHash(normalised, expected.columns);
    return { matches: current === expected.value, current };
  }
  return { matches: versionsMatch(expected.value, text), current: text };
}

function conflictBody(code: string, previousVersion: string | null, details?: JsonObject): JsonObject {
  return {
    status: 'conflict',
    safe_error_code: isSafeCode(code) ? code : 'HANDLER_CONFLICT',
    rows_affected: 0,
    source_database_mutated: false,
    previous_version: previousVersion,
    ...(details ? { details } : {}),
  };
}

function replay(stored: { status: string; receipt: JsonObject }): JsonObject {
  if (stored.status === 'conflict') return stored.receipt;
  return { status: 'already_applied', rows_affected: 0, source_database_mutated: false, details: { original_receipt: stored.receipt } };
}

/**
 * The one transaction of the helper (writeback.md (a)–(f)). Conflicts are stored before COMMIT
 * so a redelivery answers the same; an action that throws leaves nothing behind.
 */
export async function runWritebackTransaction(request: WritebackRequest, options: HandlerOptions): Promise<HandlerResponse> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await attemptTransaction(request, options);
    if (response !== RETRY) return response;
    if (attempt === MAX_ATTEMPTS) return failure(500, 'HANDLER_EXCEPTION');
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
}

const RETRY = Symbol('retry');
const MAX_ATTEMPTS = 3;

/**
 * Deadlock / lock-wait timeout (MySQL 1213/1205, PostgreSQL 40P01/40001). Two deliveries of one
 * key both gap-lock the missing receipt row on InnoDB, so one of them is chosen as the deadlock
 * victim: its whole transaction was rolled back and is retried, as the adapters do for sql_update.
 */
function isLockContention(error: unknown): boolean {
  const { errno, code } = (error ?? {}) as { errno?: unknown; code?: unknown };
  return errno === 1213 || errno === 1205 || code === '40P01' || code === '40001';
}

async function attemptTransaction(request: WritebackRequest, options: HandlerOptions): Promise<HandlerResponse | typeof RETRY> {
  const dialect = detectDialect(options.database, options.dialect);
  const table = options.receiptTable;
  const tx: Tx = await options.database.startTransaction().execute();
  let open = true;
  const finish = async (commit: boolean, response: HandlerResponse): Promise<HandlerResponse> => {
    open = false;
    await (commit ? tx.commit() : tx.rollback()).execute();
    return response;
  };
  const conflict = async (code: string, previous: string | null, details?: JsonObject): Promise<HandlerResponse> => {
    const body = conflictBody(code, previous, details);
    if (request.dry_run) return finish(false, ok(body));
    await storeReceipt(tx, table, request, 'conflict', body);
    return finish(true, ok(body));
  };
  try {
    const earlier = await lockStoredReceipt(tx, table, request.idempotency_key);
    if (earlier) return await finish(false, ok(replay(earlier)));
    const row = await lockRow(tx, dialect, request);
    if (!row) return await conflict('ROW_NOT_FOUND_OR_WRONG_TENANT', null);
    // Concurrent deliveries serialise on the row lock: look again before acting twice.
    const raced = await lockStoredReceipt(tx, table, request.idempotency_key);
    if (raced) return await finish(false, ok(replay(raced)));
    const version = versionCheck(request, row);
    if (!version.matches) return await conflict('ROW_CHANGED_AFTER_PROPOSAL', version.current);
    if (request.dry_run) {
      return await finish(false, ok({ status: 'applied', rows_affected: 0, source_database_mutated: false, details: { dry_run: true } }));
    }
    const { [VERSION_ALIAS]: _hidden, ...businessRow } = row;
    const savepoint = await tx.savepoint('synapsor_action').execute();
    let result;
    try {
      result = (await options.actions[request.action]!({ request, tx: savepoint, row: businessRow })) ?? {};
    } catch (error) {
      if (isLockContention(error)) throw error;
      if (!(error instanceof HandlerConflict)) return await finish(false, failure(500, 'HANDLER_BUSINESS_ERROR'));
      await savepoint.rollbackToSavepoint('synapsor_action').execute();
      return await conflict(error.code, version.current, error.details);
    }
    const body: JsonObject = {
      status: 'applied',
      rows_affected: result.rows_affected ?? 1,
      source_database_mutated: true,
      previous_version: version.current,
      new_version: result.new_version ?? null,
      ...(result.new_object_id != null ? { new_object_id: result.new_object_id } : {}),
      ...(result.details ? { details: result.details } : {}),
    };
    await storeReceipt(tx, table, request, 'applied', body);
    return await finish(true, ok(body));
  } catch (error) {
    if (open) await tx.rollback().execute().catch(() => undefined);
    return isLockContention(error) ? RETRY : failure(500, 'HANDLER_EXCEPTION');
  }
}
