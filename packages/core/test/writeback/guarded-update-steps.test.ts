import { describe, expect, it } from 'vitest';
import {
  alreadyAppliedOutcome,
  appliedOutcome,
  asDryRun,
  assertSqlUpdateJob,
  checkGuardAgainstRow,
  claimDecision,
  conflictOutcome,
  failedOutcome,
  rowHash,
  utcTimestampLiteral,
  type WritebackJob,
} from '../../src/index.js';

describe('utcTimestampLiteral', () => {
  it.each([
    ['2026-06-20T16:31:08.123456+02:00', true, '2026-06-20 14:31:08.123456+00:00'],
    ['2026-06-20T14:31:08Z', false, '2026-06-20 14:31:08.000000'],
    ['2026-06-20 14:31:08.1234567', true, '2026-06-20 14:31:08.123456+00:00'],
    ['2026-06-20T00:30:00-05:30', true, '2026-06-20 06:00:00.000000+00:00'],
    ['1969-12-31T23:59:59.999999Z', true, '1969-12-31 23:59:59.999999+00:00'],
  ])('%s (offset %s) → %s', (value, withOffset, expected) => {
    expect(utcTimestampLiteral(value, withOffset)).toBe(expected);
  });

  it.each([[42], [null], ['v1'], ['2026-06-20']])('is null for non-timestamps (%j)', (value) => {
    expect(utcTimestampLiteral(value, true)).toBeNull();
  });
});

describe('claimDecision', () => {
  it.each([
    ['applied', 'already_applied'],
    ['conflict', 'idempotent_conflict'],
    ['failed', 'reclaim'],
    ['in_progress', 'in_progress'],
    ['doctor', 'unavailable'],
    [null, 'unavailable'],
  ] as const)('%s → %s', (status, decision) => {
    expect(claimDecision(status)).toBe(decision);
  });
});

describe('checkGuardAgainstRow', () => {
  it('compares a column guard with versionsMatch', () => {
    const guard = { kind: 'column' as const, column: 'v', expected_value: '2026-06-20T16:31:08.123456+02:00', bump: null };
    expect(checkGuardAgainstRow(guard, { v: '2026-06-20T14:31:08.123456Z' })).toEqual({ match: true, current: '2026-06-20T14:31:08.123456Z' });
    expect(checkGuardAgainstRow(guard, { v: '2026-06-20T14:31:08.123457Z' }).match).toBe(false);
    expect(checkGuardAgainstRow({ ...guard, expected_value: 3 }, { v: 3 })).toEqual({ match: true, current: '3' });
    expect(checkGuardAgainstRow({ ...guard, expected_value: null }, { v: null })).toEqual({ match: true, current: null });
  });

  it('recomputes the row hash', () => {
    const row = { id: 'a', status: 'open' };
    const guard = { kind: 'row_hash' as const, columns: ['status', 'id'], expected_hash: rowHash(row, ['id', 'status']) };
    expect(checkGuardAgainstRow(guard, row).match).toBe(true);
    const changed = checkGuardAgainstRow(guard, { ...row, status: 'paid' });
    expect(changed).toEqual({ match: false, current: rowHash({ ...row, status: 'paid' }, ['id', 'status']) });
  });
});

describe('outcomes', () => {
  it('builds each receipt status with the right mutation flags', () => {
    expect(appliedOutcome('1', '2')).toMatchObject({ status: 'applied', rows_affected: 1, source_database_mutated: true });
    expect(alreadyAppliedOutcome()).toMatchObject({ status: 'already_applied', rows_affected: 0, source_database_mutated: false });
    expect(conflictOutcome('VERSION_CONFLICT', '7')).toMatchObject({ status: 'conflict', previous_version: '7', safe_error_code: 'VERSION_CONFLICT' });
    expect(failedOutcome('TRANSACTION_FAILED')).toMatchObject({ status: 'failed', safe_error_code: 'TRANSACTION_FAILED' });
  });

  it('turns any outcome into a non-mutating dry run', () => {
    expect(asDryRun(appliedOutcome('1', '2'))).toMatchObject({ rows_affected: 0, source_database_mutated: false, new_version: null, dry_run: { would: 'applied', safe_error_code: null } });
    expect(asDryRun(alreadyAppliedOutcome()).dry_run).toEqual({ would: 'applied', safe_error_code: null });
    expect(asDryRun(conflictOutcome('ROW_NOT_FOUND')).dry_run).toEqual({ would: 'conflict', safe_error_code: 'ROW_NOT_FOUND' });
  });
});

describe('assertSqlUpdateJob', () => {
  const job = {
    schema_version: 'synapsor.writeback-job.v1',
    writeback_job_id: 'wbj_x',
    proposal_id: 'wrp_x',
    idempotency_key: 'wrp_x:1',
    engine: 'postgres',
    operation: 'single_row_update',
    executor: { name: 'sql', type: 'sql_update' },
    target: { schema: 's', table: 't', primary_key: { column: 'id', value: 1 } },
    tenant_guard: { column: 'tenant_id', value: 'acme' },
    allowed_columns: ['status'],
    patch: { status: 'paid' },
    conflict_guard: { kind: 'column', column: 'v', expected_value: 1, bump: null },
  } as unknown as WritebackJob;

  it('accepts a well-formed sql_update job', () => {
    expect(() => assertSqlUpdateJob(job, 'postgres')).not.toThrow();
  });

  it.each([
    [{ engine: 'mysql' }],
    [{ schema_version: 'v2' }],
    [{ operation: 'delete' }],
    [{ executor: { name: 'h', type: 'http_handler' } }],
    [{ idempotency_key: '' }],
    [{ writeback_job_id: 'x'.repeat(513) }],
    [{ target: { schema: 's', table: 't', primary_key: { column: 'id', value: null } } }],
    [{ tenant_guard: { column: 'tenant_id', value: null } }],
    [{ patch: null }],
    [{ allowed_columns: 'status' }],
    [{ conflict_guard: { kind: 'none' } }],
    [{ conflict_guard: { kind: 'column', column: 'v', expected_value: 1, bump: 'later' } }],
    [{ conflict_guard: { kind: 'row_hash', columns: 'id', expected_hash: 'sha256:x' } }],
    [{ conflict_guard: null }],
  ])('refuses %j with JOB_INVALID', (overrides) => {
    expect(() => assertSqlUpdateJob({ ...job, ...overrides } as WritebackJob, 'postgres')).toThrow(expect.objectContaining({ code: 'JOB_INVALID' }));
  });
});
