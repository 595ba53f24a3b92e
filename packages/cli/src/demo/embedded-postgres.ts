import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A `pg` URL for the embedded server (single trust user `postgres`, no password). */
export function embeddedUrl(port: number, application: string): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres?application_name=${application}`;
}

export interface EmbeddedPostgres {
  port: number;
  /** A `pg` URL for the embedded server; `application` distinguishes reader and writer pools. */
  url(application: string): string;
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL in WASM) served over a loopback socket so the normal `pg` adapter and a
 * spawned `mcp serve` child use it exactly like a real server. `dataDir` keeps the data on
 * disk (`demo --keep`, `demo db`); without it everything lives in memory.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  // maxConnections ≥ 8: the reader pool, writer pool and the demo's own checks share it.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 12 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  const port = address.port;
  return {
    port,
    url: (application) => embeddedUrl(port, application),
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
