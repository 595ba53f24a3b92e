import { CompiledQuery, Kysely, MysqlDialect, sql } from 'kysely';
import { checkReadPlan, type ReadPlan, type ReadResult } from '@synapsor/core';
import { fieldsOf } from './fields.js';
import { normaliseRows } from './normalise.js';
import type { ManagedPool } from './pool.js';
import { timeoutAssignment } from './session.js';
import { type DebugLogger, mapDriverError } from './errors.js';

/**
 * Compiles the spec's statement with kysely quoting every identifier; values stay `?`.
 * ``SELECT `c1`, … FROM `s`.`t` WHERE `pk` = ? AND `tenant` = ? LIMIT 2``
 */
export function compileReadSql(db: Kysely<any>, plan: ReadPlan): string {
  // Core's shared re-check (identifiers, shape, tenant value, limit): `UNSAFE_IDENTIFIER` / `READ_PLAN_INVALID`.
  const checked = checkReadPlan(plan, 'mysql');
  const where = [sql`${sql.id(checked.primaryKey)} = ${checked.lookupValue}`];
  if (checked.tenant !== null) where.push(sql`${sql.id(checked.tenant.column)} = ${checked.tenant.value}`);
  const query = sql`SELECT ${sql.join(checked.columns.map((c) => sql.id(c)))} FROM ${sql.id(checked.schema, checked.table)} WHERE ${sql.join(where, sql` AND `)} LIMIT ${sql.lit(2)}`;
  return query.compile(db).sql;
}

export function readParameters(plan: ReadPlan): unknown[] {
  return plan.tenant_key === null ? [plan.lookup_value] : [plan.lookup_value, plan.tenant_value];
}

/** Kysely used as a compiler only: its driver is never initialised, so no connection is made. */
const compiler = new Kysely<any>({
  dialect: new MysqlDialect({
    pool: async () => {
      throw new Error('compile-only kysely instance');
    },
  }),
});

/** Compiled templates by plan shape: compiling is pure, so repeated reads skip it. */
export class ReadTemplateCache {
  readonly #templates = new Map<string, string>();

  get(plan: ReadPlan): string {
    const key = JSON.stringify([plan.schema, plan.table, plan.columns, plan.primary_key, plan.tenant_key, plan.limit]);
    let text = this.#templates.get(key);
    if (text === undefined) {
      text = compileReadSql(compiler, plan);
      if (this.#templates.size >= 1000) this.#templates.clear();
      this.#templates.set(key, text);
    } else {
      checkReadPlan(plan, 'mysql');
    }
    return text;
  }
}

/**
 * One read-only (session), bound, tenant-scoped statement. A plan asking for a timeout other
 * than the pool's sets it around the statement on the same connection.
 */
export async function runRead(
  pool: ManagedPool,
  template: string,
  plan: ReadPlan,
  poolTimeoutMs: number,
  logger: DebugLogger | undefined,
): Promise<ReadResult> {
  const query = CompiledQuery.raw(template, readParameters(plan));
  const started = performance.now();
  let rows: Record<string, unknown>[];
  try {
    if (plan.statement_timeout_ms === poolTimeoutMs) {
      rows = (await pool.db.executeQuery<Record<string, unknown>>(query)).rows as Record<string, unknown>[];
    } else {
      const flavor = await pool.flavor();
      rows = await pool.db.connection().execute(async (conn) => {
        await sql.raw(`SET ${timeoutAssignment(flavor, plan.statement_timeout_ms)}`).execute(conn);
        try {
          return (await conn.executeQuery<Record<string, unknown>>(query)).rows as Record<string, unknown>[];
        } finally {
          await sql.raw(`SET ${timeoutAssignment(flavor, poolTimeoutMs)}`).execute(conn);
        }
      });
    }
  } catch (error) {
    throw mapDriverError(error, 'read', logger);
  }
  const normalised = normaliseRows(rows, fieldsOf(rows), new Set(plan.visible_columns));
  return { rows: normalised, duration_ms: Math.round(performance.now() - started) };
}
