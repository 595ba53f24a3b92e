import { describe, expect, it } from 'vitest';
import type { WritebackJob } from '../../src/records/index.js';
import { createFakeSource } from '../../src/testing/fake-source.js';
import { referenceTables } from './support/fixtures.js';

function job(overrides: Partial<WritebackJob> = {}): WritebackJob {
  return {
    schema_version: 'synapsor.writeback-job.v1',
    writeback_job_id: 'wbj_wrp_1',
    proposal_id: 'wrp_1',
    proposal_version: 1,
    proposal_hash: 'sha256:x',
    runner_scope: { project_id: 'local', source_id: 'app_postgres' },
    engine: 'postgres',
    operation: 'single_row_update',
    executor: { name: 'sql_update', type: 'sql_update' },
    target: { schema: 'public', table: 'invoices', primary_key: { column: 'id', value: 'INV-3001' } },
    tenant_guard: { column: 'tenant_id', value: 'acme' },
    allowed_columns: ['late_fee_cents'],
    patch: { late_fee_cents: 0 },
    conflict_guard: { kind: 'column', column: 'updated_at', expected_value: '2026-06-20T14:31:08.000Z', bump: 'now' },
    idempotency_key: 'wrp_1:INV-3001',
    attempt: 1,
    lease: { lease_id: 'lease_1', expires_at: '2026-06-20T16:00:00.000Z', holder: { hostname: 'h', pid: 1 } },
    created_at: '2026-06-20T15:00:00.000Z',
    ...overrides,
  };
}

describe('fake source', () => {
  it('applies a guarded update once, then reports already_applied', async () => {
    const source = createFakeSource({ engine: 'postgres', tables: referenceTables() });
    const first = await source.applyGuardedUpdate(job(), { dryRun: false });
    expect(first).toMatchObject({ status: 'applied', rows_affected: 1, source_database_mutated: true, previous_version: '2026-06-20T14:31:08Z' });
    expect(source.tables['public.invoices']![0]).toMatchObject({ late_fee_cents: 0, updated_at: '2026-06-20T15:00:00.000Z' });
    const again = await source.applyGuardedUpdate(job(), { dryRun: false });
    expect(again).toMatchObject({ status: 'already_applied', rows_affected: 0, source_database_mutated: false });
  });

  it('reports conflicts for a moved version, another tenant, and leaves the row alone on dry run', async () => {
    const source = createFakeSource({ engine: 'postgres', tables: referenceTables() });
    const moved = await source.applyGuardedUpdate(job({ conflict_guard: { kind: 'column', column: 'updated_at', expected_value: '2026-06-20T14:00:00Z', bump: null } }), { dryRun: false });
    expect(moved).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT' });
    const foreign = await source.applyGuardedUpdate(job({ tenant_guard: { column: 'tenant_id', value: 'globex' } }), { dryRun: false });
    expect(foreign).toMatchObject({ status: 'conflict', safe_error_code: 'ROW_NOT_FOUND' });
    const dry = await source.applyGuardedUpdate(job(), { dryRun: true });
    expect(dry.dry_run).toEqual({ would: 'applied', safe_error_code: null });
    expect(source.tables['public.invoices']![0]!.late_fee_cents).toBe(5500);
  });

  it('renders the MySQL template with backticks and ? placeholders', () => {
    const source = createFakeSource({ engine: 'mysql', tables: {} });
    const template = source.readTemplate({
      source_id: 's', engine: 'mysql', schema: 'app', table: 'orders', columns: ['id', 'status'], visible_columns: ['id'],
      primary_key: 'id', lookup_value: 'O-1', tenant_key: 'tenant_id', tenant_value: 'acme', limit: 2, statement_timeout_ms: 1000,
    });
    expect(template).toBe('SELECT `id`, `status` FROM `app`.`orders` WHERE `id` = ? AND `tenant_id` = ? LIMIT 2');
  });
});
