import type { ReadPlan, SourceAdapter } from '@synapsor/core';
import type { Fixture } from './fixture.js';
import { invoicePlan } from './plans.js';

/**
 * Objects that let a test look into (and tamper with) the adapter's pooled reader session from
 * inside it, through ordinary reads: `pg_prepared_statements` only shows the current session.
 * - `session_statements`: one row, the session's prepared statements with their run counts.
 * - `forgetful`: invoices through a function running `DEALLOCATE ALL` (what a pooler's reset does).
 * - `fees`: a table whose column type the tests change between reads.
 */
export async function createPreparedFixtures(fixture: Fixture): Promise<void> {
  const s = fixture.schema;
  await fixture.query(`
    CREATE VIEW ${s}.session_statements AS
      SELECT 'mine'::text AS id, 'acme'::text AS tenant_id, pg_backend_pid() AS pid,
             coalesce(jsonb_agg(jsonb_build_object('name', name, 'statement', statement, 'runs', generic_plans + custom_plans) ORDER BY name), '[]') AS statements
      FROM pg_prepared_statements;
    CREATE FUNCTION ${s}.forget_statements() RETURNS int LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'DEALLOCATE ALL'; RETURN 1; END $$;
    CREATE VIEW ${s}.forgetful AS SELECT id, tenant_id, ${s}.forget_statements() AS gone FROM ${s}.invoices;
    CREATE TABLE ${s}.fees (id text PRIMARY KEY, tenant_id text NOT NULL, fee int4 NOT NULL);
    INSERT INTO ${s}.fees VALUES ('F-1', 'acme', 5500);
    GRANT SELECT ON ${s}.session_statements, ${s}.forgetful, ${s}.fees TO ${fixture.reader};
  `);
}

/** Puts a SQL-level `PREPARE <name>` into the reader session, like a pooler handing over a used one. */
export async function createSquatter(fixture: Fixture, name: string): Promise<ReadPlan> {
  const s = fixture.schema;
  await fixture.query(`
    CREATE FUNCTION ${s}.squat() RETURNS int LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'PREPARE ${name} AS SELECT 1'; RETURN 1; END $$;
    CREATE VIEW ${s}.squatter AS SELECT id, tenant_id, ${s}.squat() AS squatted FROM ${s}.invoices;
    GRANT SELECT ON ${s}.squatter TO ${fixture.reader};
  `);
  return invoicePlan(s, { table: 'squatter', columns: ['id', 'squatted', 'tenant_id'], visible_columns: ['id'] });
}

export function forgetfulPlan(schema: string): ReadPlan {
  return invoicePlan(schema, { table: 'forgetful', columns: ['id', 'gone', 'tenant_id'], visible_columns: ['id', 'gone'] });
}

export function feePlan(schema: string, overrides: Partial<ReadPlan> = {}): ReadPlan {
  return invoicePlan(schema, { table: 'fees', columns: ['id', 'fee', 'tenant_id'], visible_columns: ['id', 'fee'], lookup_value: 'F-1', ...overrides });
}

export interface SessionStatements {
  pid: number;
  statements: Array<{ name: string; statement: string; runs: number }>;
}

/** The reader session's prepared statements, read through `adapter` itself (its own entry included). */
export async function sessionStatements(adapter: SourceAdapter, schema: string): Promise<SessionStatements> {
  const plan = invoicePlan(schema, { table: 'session_statements', columns: ['id', 'pid', 'statements', 'tenant_id'], visible_columns: ['id', 'pid', 'statements'], lookup_value: 'mine' });
  const row = (await adapter.readOne(plan)).rows[0] as { pid: number; statements: string };
  return { pid: row.pid, statements: JSON.parse(row.statements) as SessionStatements['statements'] };
}

/** A logger collecting the adapter's debug lines, to count stale-statement retries. */
export function recordingLogger() {
  const lines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return {
    lines,
    logger: { debug: (obj: object, msg: string) => lines.push({ obj: obj as Record<string, unknown>, msg }) },
    retries: () => lines.filter((line) => String(line.obj.operation).startsWith('read (stale prepared statement')).map((line) => line.obj.code),
  };
}
