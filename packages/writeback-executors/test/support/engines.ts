import { CompiledQuery, Kysely, MysqlDialect, PostgresDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { createMysqlAdapter } from '@synapsor/adapters-mysql';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import type { SourceAdapter } from '@synapsor/core';

// What differs between PostgreSQL and MySQL/MariaDB for these tests. No vitest import and no
// top-level await: the crash test's child process bundles this module too.

export type EngineName = 'postgres' | 'mysql';

export const SERVER_URLS: Record<EngineName, string> = {
  postgres: process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.SYNAPSOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
};

export interface EngineTraits {
  name: EngineName;
  label: string;
  /** Type for `CAST(x AS <type>)` to text. */
  textType: string;
  /** A fresh timestamp with microseconds, for an app that moves the version itself. */
  nowExpr: string;
  /** `YYYY-MM-DD HH:MM:SS.ffffff` (UTC) as a literal the engine stores as that instant. */
  timestamp(utc: string): string;
  /** How `CAST(updated_at AS <text>)` prints `utc` (the helper's `previous_version`). */
  versionText(utc: string): string;
}

export const ENGINES: Record<EngineName, EngineTraits> = {
  postgres: {
    name: 'postgres',
    label: 'PostgreSQL',
    textType: 'text',
    nowExpr: 'clock_timestamp()',
    timestamp: (utc) => `${utc}+00`,
    versionText: (utc) => `${utc}+00`,
  },
  mysql: {
    name: 'mysql',
    label: 'MariaDB',
    textType: 'CHAR',
    nowExpr: 'CURRENT_TIMESTAMP(6)',
    timestamp: (utc) => utc,
    versionText: (utc) => utc,
  },
};

/** `url` with another database (MySQL) or the same one (PostgreSQL schemas live inside it). */
export function databaseUrl(engine: EngineName, database: string): string {
  if (engine === 'postgres') return SERVER_URLS.postgres;
  const url = new URL(SERVER_URLS.mysql);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Reader and writer URLs for the runner. They differ as strings (check 12 refuses a shared
 * credential) while both reach the test server.
 */
export function runnerEnv(engine: EngineName, schema: string): { APP_READ_URL: string; APP_WRITE_URL: string } {
  const read = databaseUrl(engine, schema);
  const separator = read.includes('?') ? '&' : '?';
  return { APP_READ_URL: read, APP_WRITE_URL: `${read}${separator}application_name=synapsor_writer` };
}

/** The product's adapter for `engine`, receipts table in the scratch schema/database. */
export function createAdapter(engine: EngineName, schema: string, env: Record<string, string | undefined>): SourceAdapter {
  const options = { sourceId: 'app_db', readUrlEnv: 'APP_READ_URL', writeUrlEnv: 'APP_WRITE_URL', statementTimeoutMs: 5000, poolMax: 2, receiptsSchema: schema, env };
  return engine === 'postgres' ? createPostgresAdapter(options) : createMysqlAdapter(options);
}

/**
 * An admin kysely instance. MySQL: the callback `mysql2` pool (the promise pool hangs kysely)
 * and session `time_zone = '+00:00'`, which the handler helper needs for TIMESTAMP columns.
 */
export function adminKysely(engine: EngineName, database: string): Kysely<any> {
  if (engine === 'postgres') {
    return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: SERVER_URLS.postgres, max: 4 }) }) });
  }
  return new Kysely<any>({
    dialect: new MysqlDialect({
      pool: createPool({ uri: databaseUrl('mysql', database), connectionLimit: 4, dateStrings: true }),
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw("SET SESSION time_zone = '+00:00'"));
      },
    }),
  });
}
