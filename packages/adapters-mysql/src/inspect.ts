import { sql, type Kysely, type RawBuilder } from 'kysely';
import { SynapsorError, assertSqlIdentifier, suggestColumn, type InspectedTable, type Inspection } from '@synapsor/core';
import { type DebugLogger, mapDriverError } from './errors.js';
import type { ManagedPool } from './pool.js';
import { type Flavor, timeoutAssignment } from './session.js';

export const INSPECT_TIMEOUT_MS = 3000;

type Rec = Record<string, string | number | null>;
const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const key = (schema: unknown, table: unknown): string => `${str(schema)}.${str(table)}`;

function inList(values: string[]): RawBuilder<unknown> {
  return sql.join(values.map((v) => sql`${v}`));
}

async function all(conn: Kysely<any>, query: RawBuilder<unknown>): Promise<Rec[]> {
  return (await query.execute(conn)).rows as Rec[];
}

/** MariaDB stores JSON as LONGTEXT + `CHECK (json_valid(col))`; report such columns as `json`. */
async function mariadbJsonColumns(conn: Kysely<any>, schemas: string[]): Promise<Set<string>> {
  const rows = await all(conn, sql`SELECT CONSTRAINT_SCHEMA AS s, TABLE_NAME AS t, CHECK_CLAUSE AS c FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (${inList(schemas)})`);
  const found = new Set<string>();
  for (const row of rows) {
    const match = /^json_valid\(`([^`]+)`\)$/i.exec(str(row.c).trim());
    if (match) found.add(`${key(row.s, row.t)}.${match[1]}`);
  }
  return found;
}

async function collect(conn: Kysely<any>, flavor: Flavor, schemas: string[]): Promise<InspectedTable[]> {
  const tables = await all(conn, sql`SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (${inList(schemas)}) ORDER BY TABLE_SCHEMA, TABLE_NAME`);
  const columns = await all(conn, sql`SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, EXTRA AS extra FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (${inList(schemas)}) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`);
  const keys = await all(conn, sql`SELECT tc.TABLE_SCHEMA AS s, tc.TABLE_NAME AS t, tc.CONSTRAINT_NAME AS name, tc.CONSTRAINT_TYPE AS kind, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_SCHEMA AS rs, k.REFERENCED_TABLE_NAME AS rt, k.REFERENCED_COLUMN_NAME AS rc FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND k.TABLE_SCHEMA = tc.TABLE_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME WHERE tc.TABLE_SCHEMA IN (${inList(schemas)}) AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION`);
  const indexes = await all(conn, sql`SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, INDEX_NAME AS name, NON_UNIQUE AS non_unique, COLUMN_NAME AS col FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (${inList(schemas)}) ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`);
  const json = flavor === 'mariadb' ? await mariadbJsonColumns(conn, schemas) : new Set<string>();

  const byTable = new Map<string, InspectedTable>();
  for (const row of tables) {
    const type = str(row.type) === 'VIEW' ? 'view' : /TABLE|VERSIONED/.test(str(row.type)) && str(row.type) !== 'SYSTEM VIEW' ? 'table' : null;
    if (type === null) continue;
    byTable.set(key(row.s, row.t), { schema: str(row.s), name: str(row.t), type, columns: [], primary_key: [], unique_constraints: [], foreign_keys: [], indexes: [] });
  }
  const grouped = new Map<string, { table: InspectedTable; kind: string; cols: string[]; ref: { schema: string; table: string; columns: string[] } }>();
  for (const row of keys) {
    const table = byTable.get(key(row.s, row.t));
    if (!table) continue;
    const id = `${key(row.s, row.t)}.${str(row.name)}`;
    const entry = grouped.get(id) ?? { table, kind: str(row.kind), cols: [], ref: { schema: str(row.rs), table: str(row.rt), columns: [] } };
    entry.cols.push(str(row.col));
    if (row.rc !== null) entry.ref.columns.push(str(row.rc));
    if (!grouped.has(id)) grouped.set(id, entry);
    if (entry.kind === 'PRIMARY KEY' && entry.cols.length === 1) table.primary_key = entry.cols;
  }
  for (const { table, kind, cols, ref } of grouped.values()) {
    if (kind === 'UNIQUE') table.unique_constraints.push(cols);
    if (kind === 'FOREIGN KEY') table.foreign_keys.push({ columns: cols, references: ref });
  }
  const indexMap = new Map<string, { name: string; columns: string[]; unique: boolean }>();
  for (const row of indexes) {
    const table = byTable.get(key(row.s, row.t));
    if (!table) continue;
    const id = `${key(row.s, row.t)}.${str(row.name)}`;
    let index = indexMap.get(id);
    if (!index) {
      index = { name: str(row.name), columns: [], unique: Number(row.non_unique) === 0 };
      indexMap.set(id, index);
      table.indexes.push(index);
    }
    index.columns.push(str(row.col));
  }
  for (const row of columns) {
    const table = byTable.get(key(row.s, row.t));
    if (!table) continue;
    const name = str(row.name);
    const type = json.has(`${key(row.s, row.t)}.${name}`) ? 'json' : str(row.type);
    // MariaDB spells a NULL default as the text `NULL`; MySQL uses SQL NULL.
    const def = row.def === null || row.def === 'NULL' ? null : str(row.def);
    table.columns.push({
      name,
      type,
      nullable: str(row.nullable) === 'YES',
      default: def,
      generated: /GENERATED/i.test(str(row.extra)),
      suggestions: suggestColumn({ name, type, primaryKey: table.primary_key.includes(name) }),
    });
  }
  // Code-unit order, independent of the server's collation.
  const order = (t: InspectedTable): string => `${t.schema}\u0000${t.name}`;
  return [...byTable.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** Metadata only (never row data), in a read-only transaction with a 3 s timeout. */
export async function inspectSchemas(pool: ManagedPool, requested: string[] | undefined, poolTimeoutMs: number, logger: DebugLogger | undefined): Promise<Inspection> {
  for (const schema of requested ?? []) assertSqlIdentifier(schema, 'schema');
  try {
    const flavor = await pool.flavor();
    return await pool.db.connection().execute(async (conn) => {
      await sql.raw(`SET ${timeoutAssignment(flavor, INSPECT_TIMEOUT_MS)}`).execute(conn);
      try {
        await sql`START TRANSACTION READ ONLY`.execute(conn);
        let schemas = requested && requested.length > 0 ? [...new Set(requested)] : [];
        if (schemas.length === 0) {
          const current = (await all(conn, sql`SELECT DATABASE() AS db`))[0]?.db;
          if (current === null || current === undefined) throw new SynapsorError('INSPECT_SCHEMA_REQUIRED', 'no schema given and the URL names no database');
          schemas = [String(current)];
        }
        const tables = await collect(conn, flavor, schemas);
        await sql`COMMIT`.execute(conn);
        return { engine: 'mysql' as const, schemas, tables };
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw error;
      } finally {
        await sql.raw(`SET ${timeoutAssignment(flavor, poolTimeoutMs)}`).execute(conn);
      }
    });
  } catch (error) {
    throw mapDriverError(error, 'inspect', logger);
  }
}
