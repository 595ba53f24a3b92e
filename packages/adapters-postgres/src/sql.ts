import type pg from 'pg';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery } from 'kysely';

/**
 * kysely as a compiler only: it quotes every identifier and turns every value into a `$n`
 * parameter; execution goes through our own pg pools (raw text types, field type ids).
 */
// `any` schema: tables are only known at run time, from the reviewed config.
export const builder = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A builder scoped to `schema`, or unqualified when there is none. */
export function inSchema(schema: string | undefined): typeof builder {
  return schema === undefined ? builder : builder.withSchema(schema);
}

export function run(client: pg.ClientBase, query: CompiledQuery): Promise<pg.QueryResult<Record<string, unknown>>> {
  return client.query<Record<string, unknown>>({ text: query.sql, values: query.parameters as unknown[] });
}
