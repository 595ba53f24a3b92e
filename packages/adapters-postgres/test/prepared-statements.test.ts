import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isStalePreparedStatement, statementName } from '../src/prepared-statements.js';
import { createPostgresAdapter } from '../src/index.js';

function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('driver text', 0, 'error');
  error.code = code;
  return error;
}

describe('prepared read statements (unit)', () => {
  it('names a statement by its text: stable, distinct, a plain identifier', () => {
    const a = 'select "id" from "s"."t" where "id" = $1 limit 2';
    const b = 'select "id" from "s"."u" where "id" = $1 limit 2';
    expect(statementName(a)).toBe(statementName(a));
    expect(statementName(a)).not.toBe(statementName(b));
    expect(statementName(a)).toMatch(/^synapsor_r_[0-9a-f]{24}$/);
    expect(statementName(a).length).toBeLessThan(64);
  });

  it('treats only stale-statement SQLSTATEs as retryable', () => {
    for (const code of ['0A000', '26000', '42P05']) expect(isStalePreparedStatement(databaseError(code)), code).toBe(true);
    for (const code of ['42P01', '42501', '25006', '57014', '08006', '57P01']) expect(isStalePreparedStatement(databaseError(code)), code).toBe(false);
    expect(isStalePreparedStatement(Object.assign(new Error('x'), { code: '26000' }))).toBe(false);
    expect(isStalePreparedStatement(undefined)).toBe(false);
  });

  it('refuses a non-boolean prepareStatements option', () => {
    const options = { sourceId: 's', readUrlEnv: 'R', statementTimeoutMs: 1000, poolMax: 1, env: {} };
    expect(() => createPostgresAdapter({ ...options, prepareStatements: 'no' as unknown as boolean })).toThrow(
      expect.objectContaining({ code: 'INVALID_SOURCE' }),
    );
    expect(() => createPostgresAdapter({ ...options, prepareStatements: false })).not.toThrow();
  });
});
