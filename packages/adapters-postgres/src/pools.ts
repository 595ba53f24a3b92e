import pg from 'pg';
import { SynapsorError, isSynapsorError } from '@synapsor/core';
import { poolConfig, type PoolRole } from './connection.js';
import { noteDriverError } from './errors.js';
import type { DebugLogger } from './logger.js';
import type { PostgresAdapterOptions } from './options.js';

const WRITER_POOL_MAX = 2;

/**
 * The adapter's two pools, each created on first use and closed by `close()`: never a
 * connection per call. A missing URL env is a `SynapsorError` thrown before any I/O.
 */
export class PostgresPools {
  private readonly pools = new Map<PoolRole, pg.Pool>();
  private closed = false;

  constructor(
    private readonly options: PostgresAdapterOptions,
    private readonly logger: DebugLogger,
  ) {}

  get statementTimeoutMs(): number {
    return this.options.statementTimeoutMs;
  }

  /** Reads as named statements (parsed once per connection); off for transaction poolers. */
  get prepareStatements(): boolean {
    return this.options.prepareStatements ?? true;
  }

  reader(): pg.Pool {
    return this.pool('reader');
  }

  writer(): pg.Pool {
    return this.pool('writer');
  }

  private pool(role: PoolRole): pg.Pool {
    if (this.closed) throw new SynapsorError('ADAPTER_CLOSED', 'the PostgreSQL adapter is closed');
    const existing = this.pools.get(role);
    if (existing !== undefined) return existing;
    const envName = role === 'reader' ? this.options.readUrlEnv : this.options.writeUrlEnv;
    const url = envName === undefined ? undefined : this.options.env[envName];
    if (url === undefined || url === '') {
      throw role === 'reader'
        ? new SynapsorError('SOURCE_CREDENTIAL_MISSING', `env var ${this.options.readUrlEnv} is not set`)
        : new SynapsorError('WRITER_CREDENTIAL_MISSING', `writer URL env var ${envName ?? '(none configured)'} is not set`);
    }
    const pool = new pg.Pool(
      poolConfig({
        role,
        url,
        max: role === 'reader' ? this.options.poolMax : WRITER_POOL_MAX,
        statementTimeoutMs: this.options.statementTimeoutMs,
        ...(this.options.ssl === undefined ? {} : { ssl: this.options.ssl }),
      }),
    );
    // A client losing its server emits 'error' (on the pool while idle, on the client while
    // checked out between queries); unhandled, either would crash the process. The next query
    // on such a client fails and `withClient` discards it.
    pool.on('error', (error) => noteDriverError(this.logger, `${role} idle client`, error));
    pool.on('connect', (client) => client.on('error', (error) => noteDriverError(this.logger, `${role} client`, error)));
    this.pools.set(role, pool);
    return pool;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

/**
 * Runs `work` on one pooled client; a client that saw a connection-level error, or an error
 * `discard` says left session state unusable (e.g. a stale prepared statement), is destroyed.
 */
export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  discard: (error: unknown) => boolean = () => false,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    // Our own refusals leave the session clean; anything else from the driver may not have.
    const sessionLost =
      discard(error) || (error instanceof pg.DatabaseError ? /^(08|57P)/.test(error.code ?? '') : !isSynapsorError(error));
    if (sessionLost) {
      broken = error instanceof Error ? error : new Error('client failure');
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
