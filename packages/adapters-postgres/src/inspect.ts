import type pg from 'pg';
import { suggestColumn, type InspectedColumn, type InspectedTable, type Inspection } from '@synapsor/core';
import { toSafeError } from './errors.js';
import { COLUMNS_SQL, CONSTRAINTS_SQL, INDEXES_SQL, RELATIONS_SQL, SCHEMAS_SQL } from './inspect-queries.js';
import type { DebugLogger } from './logger.js';
import { withClient, type PostgresPools } from './pools.js';

/** cli.md: inspection runs read-only with a 3 s timeout. */
export const INSPECT_TIMEOUT_MS = 3000;

type RawRow = Record<string, string | null>;

async function rowsOf(client: pg.ClientBase, text: string, schemas: string[]): Promise<RawRow[]> {
  return (await client.query<RawRow>(text, [schemas])).rows;
}

const names = (json: string | null | undefined): string[] => (typeof json === 'string' ? (JSON.parse(json) as string[]) : []);

function assemble(schemas: string[], raw: Record<'relations' | 'columns' | 'constraints' | 'indexes', RawRow[]>): Inspection {
  const tables = new Map<string, InspectedTable>();
  for (const relation of raw.relations) {
    tables.set(relation.oid as string, {
      schema: relation.schema as string,
      name: relation.name as string,
      type: relation.kind === 'v' || relation.kind === 'm' ? 'view' : 'table',
      columns: [],
      primary_key: [],
      unique_constraints: [],
      foreign_keys: [],
      indexes: [],
    });
  }
  for (const constraint of raw.constraints) {
    const table = tables.get(constraint.oid as string);
    if (table === undefined) continue;
    const columns = names(constraint.columns);
    if (constraint.type === 'p') table.primary_key = columns;
    else if (constraint.type === 'u') table.unique_constraints.push(columns);
    else {
      table.foreign_keys.push({
        columns,
        references: { schema: constraint.ref_schema ?? '', table: constraint.ref_table ?? '', columns: names(constraint.ref_columns) },
      });
    }
  }
  for (const index of raw.indexes) {
    tables.get(index.oid as string)?.indexes.push({ name: index.name as string, columns: names(index.columns), unique: index.is_unique === 'true' });
  }
  for (const column of raw.columns) {
    const table = tables.get(column.oid as string);
    if (table === undefined) continue;
    const name = column.name as string;
    const type = column.type as string;
    const inspected: InspectedColumn = {
      name,
      type,
      nullable: column.nullable === 'true',
      default: column.default_expr ?? null,
      generated: column.generated === 'true',
      suggestions: suggestColumn({ name, type, primaryKey: table.primary_key.includes(name) }),
    };
    table.columns.push(inspected);
  }
  return { engine: 'postgres', schemas, tables: [...tables.values()] };
}

/** Schema metadata through the reader pool in a read-only transaction; never samples rows. */
export async function inspect(pools: PostgresPools, logger: DebugLogger, options: { schemas?: string[] }): Promise<Inspection> {
  try {
    return await withClient(pools.reader(), async (client) => {
      await client.query('BEGIN READ ONLY');
      try {
        await client.query(`SET LOCAL statement_timeout = ${INSPECT_TIMEOUT_MS}`);
        const schemas =
          options.schemas !== undefined && options.schemas.length > 0
            ? [...new Set(options.schemas)]
            : (await client.query<{ name: string }>(SCHEMAS_SQL)).rows.map((row) => row.name);
        // Sequential: one client, and the statements are tiny.
        const relations = await rowsOf(client, RELATIONS_SQL, schemas);
        const constraints = await rowsOf(client, CONSTRAINTS_SQL, schemas);
        const indexes = await rowsOf(client, INDEXES_SQL, schemas);
        const columns = await rowsOf(client, COLUMNS_SQL, schemas);
        await client.query('COMMIT');
        return assemble(schemas, { relations, columns, constraints, indexes });
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  } catch (error) {
    throw toSafeError(logger, 'inspect', error);
  }
}
