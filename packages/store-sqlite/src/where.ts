import { normalizeInstant, objectTypeCandidates, tableFilter, type LedgerFilter } from '@synapsor/core';

/** Accumulates `AND`-ed conditions with positional parameters. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.clauses.push(sql);
    this.params.push(...params);
    return this;
  }

  eq(column: string, value: unknown): this {
    return value === undefined ? this : this.add(`${column} = ?`, value);
  }

  in(column: string, values: unknown[]): this {
    return this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  time(column: string, f: LedgerFilter): this {
    if (f.from !== undefined) this.add(`${column} >= ?`, normalizeInstant(f.from));
    if (f.to !== undefined) this.add(`${column} <= ?`, normalizeInstant(f.to));
    return this;
  }

  objectType(column: string, value: string | undefined): this {
    return value === undefined ? this : this.in(column, objectTypeCandidates(value));
  }

  /**
   * `--table`: bare names match any schema, qualified ones exactly. Both spellings constrain the
   * bare column (a qualified name implies its bare part), so its index serves either one.
   */
  table(bareColumn: string, qualifiedColumn: string, value: string | undefined): this {
    if (value === undefined) return this;
    const wanted = tableFilter(value);
    this.add(`${bareColumn} = ?`, wanted.bare);
    return wanted.qualified ? this.add(`${qualifiedColumn} = ?`, wanted.qualified) : this;
  }

  sql(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`;
  }
}
