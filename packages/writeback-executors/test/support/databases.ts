import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { describe, it } from 'vitest';
import { adminKysely, ENGINES, SERVER_URLS, type EngineName, type EngineTraits } from './engines.js';

export const VERSION_UTC = '2026-06-20 14:31:08.123456';

async function reachable(engine: EngineName): Promise<boolean> {
  const db = adminKysely(engine, new URL(SERVER_URLS[engine]).pathname.slice(1));
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

const up: Record<EngineName, boolean> = { postgres: await reachable('postgres'), mysql: await reachable('mysql') };

/**
 * One integration suite per engine. An unreachable server fails under CI (with the fix), else
 * the suite is skipped with one loud line.
 */
export function describeEngines(name: string, body: (traits: EngineTraits) => void, engines: EngineName[] = ['postgres', 'mysql']): void {
  for (const engine of engines) {
    const traits = ENGINES[engine];
    const title = `${name} on ${traits.label}`;
    if (up[engine]) describe(title, () => body(traits));
    else if (process.env.CI === 'true') {
      describe(title, () => {
        it(`needs ${traits.label}`, () => {
          throw new Error(`${traits.label} is unreachable: run \`bash .ci/ensure-databases\``);
        });
      });
    } else {
      console.warn(`!!! SKIPPING "${title}": ${traits.label} unreachable (run \`bash .ci/ensure-databases\`) !!!`);
      describe.skip(title, () => body(traits));
    }
  }
}

export interface TestDatabase {
  traits: EngineTraits;
  /** PostgreSQL schema or MySQL database holding the tables. */
  schema: string;
  db: Kysely<any>;
  /** `SELECT count(*) AS n …` with `$schema` replaced. */
  count(query: string): Promise<number>;
  /** Inserts an `acme`-style invoice whose version is `updatedUtc` (`YYYY-MM-DD HH:MM:SS.ffffff`). */
  insertInvoice(id: string, tenant?: string, updatedUtc?: string): Promise<void>;
  drop(): Promise<void>;
}

function ddl(engine: EngineName, schema: string): string[] {
  const s = engine === 'postgres' ? `"${schema}"` : `\`${schema}\``;
  if (engine === 'postgres') {
    return [
      `CREATE SCHEMA ${s}`,
      `CREATE TABLE ${s}.invoices (id text PRIMARY KEY, tenant_id text NOT NULL, status text NOT NULL DEFAULT 'open',
        late_fee_cents integer NOT NULL, waiver_reason text, credited_cents integer NOT NULL DEFAULT 0,
        credit_limit_cents integer NOT NULL DEFAULT 10000, updated_at timestamptz NOT NULL)`,
      `CREATE TABLE ${s}.account_credits (id serial PRIMARY KEY, idempotency_key text NOT NULL UNIQUE, tenant_id text NOT NULL,
        invoice_id text NOT NULL, amount_cents integer NOT NULL, reason text)`,
      `CREATE TABLE ${s}.update_audit (id serial PRIMARY KEY, invoice_id text NOT NULL)`,
      `CREATE FUNCTION ${s}.audit_update() RETURNS trigger AS $$
        BEGIN INSERT INTO ${s}.update_audit (invoice_id) VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql`,
      `CREATE TRIGGER audit_update AFTER UPDATE ON ${s}.invoices FOR EACH ROW EXECUTE FUNCTION ${s}.audit_update()`,
    ];
  }
  return [
    `CREATE DATABASE ${s}`,
    `CREATE TABLE ${s}.invoices (id varchar(64) PRIMARY KEY, tenant_id varchar(64) NOT NULL, status varchar(32) NOT NULL DEFAULT 'open',
      late_fee_cents int NOT NULL, waiver_reason text NULL, credited_cents int NOT NULL DEFAULT 0,
      credit_limit_cents int NOT NULL DEFAULT 10000, updated_at timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB`,
    `CREATE TABLE ${s}.account_credits (id int AUTO_INCREMENT PRIMARY KEY, idempotency_key varchar(255) NOT NULL UNIQUE,
      tenant_id varchar(64) NOT NULL, invoice_id varchar(64) NOT NULL, amount_cents int NOT NULL, reason text NULL) ENGINE=InnoDB`,
    `CREATE TABLE ${s}.update_audit (id int AUTO_INCREMENT PRIMARY KEY, invoice_id varchar(64) NOT NULL) ENGINE=InnoDB`,
    `CREATE TRIGGER ${s}.audit_update AFTER UPDATE ON ${s}.invoices FOR EACH ROW INSERT INTO ${s}.update_audit (invoice_id) VALUES (NEW.id)`,
  ];
}

/**
 * A scratch schema (PostgreSQL) or database (MariaDB) with a random suffix: the billing tables and
 * a trigger that counts business UPDATEs, seeded with INV-3001 (acme) and INV-4001 (globex).
 */
export async function createTestDatabase(traits: EngineTraits): Promise<TestDatabase> {
  const schema = `wbx_${randomBytes(5).toString('hex')}`;
  const server = adminKysely(traits.name, new URL(SERVER_URLS[traits.name]).pathname.slice(1));
  for (const statement of ddl(traits.name, schema)) await sql.raw(statement).execute(server);
  // MySQL: a pool bound to the scratch database; PostgreSQL keeps the server pool.
  const db = traits.name === 'postgres' ? server : adminKysely('mysql', schema);
  if (db !== server) await server.destroy();
  const insertInvoice = async (id: string, tenant = 'acme', updatedUtc = VERSION_UTC) => {
    await sql`INSERT INTO ${sql.id(schema, 'invoices')} (id, tenant_id, late_fee_cents, updated_at)
      VALUES (${id}, ${tenant}, 1500, ${traits.timestamp(updatedUtc)})`.execute(db);
  };
  await insertInvoice('INV-3001', 'acme');
  await insertInvoice('INV-4001', 'globex');
  return {
    traits,
    schema,
    db,
    async count(query) {
      const result = await sql.raw<{ n: string }>(query.replaceAll('$schema', schema)).execute(db);
      return Number(result.rows[0]?.n ?? 0);
    },
    insertInvoice,
    async drop() {
      await sql.raw(traits.name === 'postgres' ? `DROP SCHEMA "${schema}" CASCADE` : `DROP DATABASE \`${schema}\``).execute(db);
      await db.destroy();
    },
  };
}
