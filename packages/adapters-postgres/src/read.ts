import type pg from 'pg';
import { sql, type CompiledQuery } from 'kysely';
import { SynapsorError, checkReadPlan, type CheckedReadPlan, type ReadPlan, type ReadResult } from '@synapsor/core';
import { noteDriverError, toSafeError } from './errors.js';
import type { DebugLogger } from './logger.js';
import { normaliseRow } from './normalise.js';
import { withClient, type PostgresPools } from './pools.js';
import { isStalePreparedStatement, statementName } from './prepared-statements.js';
import { builder } from './sql.js';

/** `name`: the prepared statement this text runs as when preparation is on. */
type Statement = { sql: string; name: string; parameters: unknown[] };

/** The one read statement: `select "c1", … from "s"."t" where "pk" = $1 and "tenant" = $2 limit 2`. */
export function compileRead(plan: CheckedReadPlan): CompiledQuery {
  let query = builder.withSchema(plan.schema).selectFrom(plan.table).select(plan.columns).where(plan.primaryKey, '=', plan.lookupValue);
  if (plan.tenant !== null) query = query.where(plan.tenant.column, '=', plan.tenant.value);
  return query.limit(sql.lit(2)).compile();
}

/**
 * Compiled text (and its statement name) per query shape: kysely compiling costs ~12 µs, the
 * largest CPU cost of a read, and the text depends on identifiers only.
 */
const templates = new Map<string, { sql: string; name: string }>();
const TEMPLATE_CACHE_MAX = 512;

function parametersOf(plan: CheckedReadPlan): unknown[] {
  return plan.tenant === null ? [plan.lookupValue] : [plan.lookupValue, plan.tenant.value];
}

/** The statement for a checked plan; values only ever travel as `$1`/`$2` parameters. */
export function readStatement(plan: CheckedReadPlan): Statement {
  const key = JSON.stringify([plan.schema, plan.table, plan.columns, plan.primaryKey, plan.tenant?.column ?? null]);
  const parameters = parametersOf(plan);
  const cached = templates.get(key);
  if (cached !== undefined) return { ...cached, parameters };
  const compiled = compileRead(plan);
  // The cache relies on kysely numbering lookup then tenant; verify once per shape.
  if (JSON.stringify(compiled.parameters) !== JSON.stringify(parameters)) {
    throw new SynapsorError('INTERNAL', 'unexpected read statement parameters');
  }
  if (templates.size >= TEMPLATE_CACHE_MAX) templates.clear();
  const template = { sql: compiled.sql, name: statementName(compiled.sql) };
  templates.set(key, template);
  return { ...template, parameters };
}

export function readTemplate(plan: ReadPlan): string {
  return readStatement(checkReadPlan(plan, 'postgres')).sql;
}

/**
 * Named: pg sends Parse once per connection, then only Bind/Execute, so PostgreSQL stops
 * parsing and planning the same SELECT on every call. Unnamed: parsed on every call.
 */
function runStatement(client: pg.PoolClient, statement: Statement, prepared: boolean) {
  return client.query<Record<string, unknown>>(
    prepared ? { name: statement.name, text: statement.sql, values: statement.parameters } : { text: statement.sql, values: statement.parameters },
  );
}

/**
 * Reader sessions are read-only with the source's statement timeout from their startup
 * options, so the common case is one round trip. A plan asking for a different timeout gets
 * the transactional form `BEGIN READ ONLY; SET LOCAL statement_timeout` instead.
 */
async function execute(client: pg.PoolClient, query: Statement, prepared: boolean, timeoutMs: number, sessionTimeoutMs: number) {
  if (timeoutMs === sessionTimeoutMs) return runStatement(client, query, prepared);
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
    const result = await runStatement(client, query, prepared);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function readOne(pools: PostgresPools, logger: DebugLogger, plan: ReadPlan): Promise<ReadResult> {
  // Validation first: a bad plan is refused before a pool (or a connection) exists.
  const checked = checkReadPlan(plan, 'postgres');
  const query = readStatement(checked);
  const started = performance.now();
  const attempt = (prepared: boolean) =>
    withClient(
      pools.reader(),
      (client) => execute(client, query, prepared, plan.statement_timeout_ms, pools.statementTimeoutMs),
      // A stale statement stays broken on that session: destroy the client, never pool it again.
      prepared ? isStalePreparedStatement : undefined,
    );
  try {
    const result = await attempt(pools.prepareStatements).catch((error: unknown) => {
      if (!pools.prepareStatements || !isStalePreparedStatement(error)) throw error;
      // Retry once unprepared: other idle clients may hold the same stale statement (each heals
      // the same way on its next use), an unnamed statement cannot be stale on any of them.
      noteDriverError(logger, 'read (stale prepared statement, retrying)', error);
      return attempt(false);
    });
    const rows = result.rows.map((raw) => normaliseRow(result.fields, raw, checked.visible));
    return { rows, duration_ms: Math.round((performance.now() - started) * 1000) / 1000 };
  } catch (error) {
    throw toSafeError(logger, 'read', error);
  }
}
