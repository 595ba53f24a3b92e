import { Kysely, MysqlDialect } from 'kysely';
import mysql from 'mysql2';
import type { FieldPacket, PoolConnection, PoolOptions } from 'mysql2';
import { SynapsorError } from '@synapsor/core';
import { isConnectionError } from './errors.js';
import type { ConnectionTarget, MysqlAdapterOptions } from './options.js';
import { attachFields } from './fields.js';
import { type Flavor, detectFlavor, sessionSetupSql } from './session.js';

export type PoolRole = 'reader' | 'writer';

export interface ManagedPoolOptions {
  target: ConnectionTarget;
  role: PoolRole;
  connectionLimit: number;
  statementTimeoutMs: number;
  ssl: MysqlAdapterOptions['ssl'];
}

export interface ManagedPool {
  /** Kysely on the wrapped pool: parameterised statements run as server-side prepared statements. */
  readonly db: Kysely<any>;
  /** The underlying mysql2 pool (internal: the bench compares against a bare query on it). */
  readonly raw: mysql.Pool;
  /** Engine flavour detected from `VERSION()` on the pool's first connection. */
  flavor(): Promise<Flavor>;
  close(): Promise<void>;
}

type Callback = (err: unknown, result?: unknown) => void;

/**
 * The connection kysely sees. Statements with parameters go through `execute` (binary protocol,
 * server-side prepared, values never spliced into SQL text); parameterless control statements
 * (`START TRANSACTION`, `COMMIT`, `SET …`) use `query`, which cannot prepare every one of them.
 * Result field metadata rides on the rows array so normalisation can tell TIMESTAMP from DATETIME.
 */
class SessionConnection {
  #broken = false;
  constructor(
    readonly raw: PoolConnection,
    private readonly onRelease: () => void,
  ) {}

  query(sqlText: string, params: unknown[], callback: Callback): void {
    const done = (err: unknown, result?: unknown, fields?: FieldPacket[]): void => {
      if (err && isConnectionError(err)) this.#broken = true;
      if (!err && Array.isArray(result) && fields) attachFields(result, fields);
      callback(err, result);
    };
    if (params.length === 0) this.raw.query(sqlText, done as never);
    else this.raw.execute(sqlText, params as never, done as never);
  }

  /** A connection that saw a connection-level error is dropped, never handed out again. */
  release(): void {
    this.onRelease();
    if (this.#broken) this.raw.destroy();
    else this.raw.release();
  }
}

function rawQuery(connection: PoolConnection, sqlText: string): Promise<unknown> {
  return new Promise((resolve, reject) => connection.query(sqlText, (err, rows) => (err ? reject(err) : resolve(rows))));
}

/**
 * mysql2 callback pool (the `mysql2/promise` pool hangs kysely) wrapped for kysely's MysqlDialect:
 * every new physical connection is set up once (UTC, timeout, read-only for readers) before use,
 * and waiting for a busy pool longer than the statement timeout fails with `POOL_TIMEOUT`.
 */
export function createManagedPool(options: ManagedPoolOptions): ManagedPool {
  const { target, role, connectionLimit, statementTimeoutMs } = options;
  const poolOptions: PoolOptions = {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    connectionLimit,
    maxIdle: connectionLimit,
    waitForConnections: true,
    queueLimit: 0,
    connectTimeout: Math.min(10_000, Math.max(1_000, statementTimeoutMs)),
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    jsonStrings: true,
    decimalNumbers: false,
    maxPreparedStatements: 256,
    // FOUND_ROWS: affected rows = matched rows, so `SET c = c` still counts as one row.
    flags: role === 'writer' ? ['FOUND_ROWS'] : [],
    ...(options.ssl ? { ssl: { rejectUnauthorized: options.ssl.rejectUnauthorized ?? true, ...(options.ssl.ca ? { ca: options.ssl.ca } : {}) } } : {}),
  };
  const raw = mysql.createPool(poolOptions);
  // A killed idle connection emits 'error'; mysql2 already removes it from the pool. Without a
  // listener the event would crash the process.
  raw.on('connection', (connection) => connection.on('error', () => undefined));
  const prepared = new WeakSet<PoolConnection>();
  let flavorPromise: Promise<Flavor> | null = null;
  let outstanding = 0;

  async function prepare(connection: PoolConnection): Promise<void> {
    if (prepared.has(connection)) return;
    flavorPromise ??= rawQuery(connection, 'SELECT VERSION() AS version').then(detectFlavor);
    let flavor: Flavor;
    try {
      flavor = await flavorPromise;
    } catch (error) {
      flavorPromise = null;
      throw error;
    }
    for (const statement of sessionSetupSql(flavor, role, statementTimeoutMs)) await rawQuery(connection, statement);
    prepared.add(connection);
  }

  const wrapper = {
    getConnection(callback: (err: unknown, connection?: SessionConnection) => void): void {
      // Requests beyond the limit must wait for a release: only that wait is a pool timeout
      // (connecting is bounded by connectTimeout and reported as unavailable).
      const mustWait = outstanding >= connectionLimit;
      outstanding += 1;
      let settled = false;
      const timer = mustWait
        ? setTimeout(() => {
            settled = true;
            outstanding -= 1;
            callback(new SynapsorError('POOL_TIMEOUT', 'no database connection became free in time'));
          }, statementTimeoutMs)
        : null;
      raw.getConnection((err, connection) => {
        if (timer) clearTimeout(timer);
        if (settled) {
          connection?.release();
          return;
        }
        if (err) {
          outstanding -= 1;
          callback(err);
          return;
        }
        const session = new SessionConnection(connection, () => {
          outstanding -= 1;
        });
        prepare(connection).then(
          () => callback(null, session),
          (error: unknown) => {
            outstanding -= 1;
            connection.destroy();
            callback(error);
          },
        );
      });
    },
    end(callback: (err: unknown) => void): void {
      raw.end((err) => callback(err ?? null));
    },
  };

  const db = new Kysely<any>({ dialect: new MysqlDialect({ pool: wrapper as never }) });
  let closed: Promise<void> | null = null;
  return {
    db,
    raw,
    flavor: async () => {
      if (!flavorPromise) await db.connection().execute(async () => undefined);
      return flavorPromise as Promise<Flavor>;
    },
    close: () => (closed ??= db.destroy()),
  };
}
