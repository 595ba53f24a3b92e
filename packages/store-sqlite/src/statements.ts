import type BetterSqlite3 from 'better-sqlite3';

/** Prepared statements cached per connection, keyed by SQL text. */
export class Statements {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly db: BetterSqlite3.Database) {}

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  one<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined {
    return this.get(sql).pluck(false).get(...params) as T | undefined;
  }

  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
    return this.get(sql).pluck(false).all(...params) as T[];
  }

  run(sql: string, ...params: unknown[]): BetterSqlite3.RunResult {
    return this.get(sql).run(...params);
  }

  value<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.get(sql).pluck().get(...params) as T | undefined;
  }
}
