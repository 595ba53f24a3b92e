import type { ReadPlan, WritebackJob } from '@synapsor/core';
import { createPostgresAdapter, type PostgresAdapterOptions } from '../../src/index.js';
import type { Fixture } from './fixture.js';

export function adapterFor(fixture: Fixture, overrides: Partial<PostgresAdapterOptions> = {}) {
  return createPostgresAdapter({
    sourceId: 'app_postgres',
    readUrlEnv: 'READ_URL',
    writeUrlEnv: 'WRITE_URL',
    statementTimeoutMs: 5000,
    poolMax: 4,
    receiptsSchema: fixture.schema,
    env: fixture.env,
    ...overrides,
  });
}

export function invoicePlan(schema: string, overrides: Partial<ReadPlan> = {}): ReadPlan {
  return {
    source_id: 'app_postgres',
    engine: 'postgres',
    schema,
    table: 'invoices',
    columns: ['id', 'customer_name', 'status', 'late_fee_cents', 'amount', 'tenant_id', 'updated_at'],
    visible_columns: ['id', 'customer_name', 'status', 'late_fee_cents', 'amount'],
    primary_key: 'id',
    lookup_value: 'INV-3001',
    tenant_key: 'tenant_id',
    tenant_value: 'acme',
    limit: 2,
    statement_timeout_ms: 5000,
    ...overrides,
  };
}

let counter = 0;

/** A waiver job for INV-3001 guarded by `updated_at`; each call gets a fresh proposal id. */
export function invoiceJob(schema: string, overrides: Partial<WritebackJob> = {}): WritebackJob {
  counter += 1;
  const proposalId = `wrp_${process.pid.toString(16)}${Date.now().toString(16)}${counter.toString(16).padStart(4, '0')}`;
  return {
    schema_version: 'synapsor.writeback-job.v1',
    writeback_job_id: `wbj_${proposalId}`,
    proposal_id: proposalId,
    proposal_version: 1,
    proposal_hash: `sha256:${'0'.repeat(64)}`,
    runner_scope: { project_id: 'local', source_id: 'app_postgres' },
    engine: 'postgres',
    operation: 'single_row_update',
    executor: { name: 'sql', type: 'sql_update' },
    target: { schema, table: 'invoices', primary_key: { column: 'id', value: 'INV-3001' } },
    tenant_guard: { column: 'tenant_id', value: 'acme' },
    allowed_columns: ['late_fee_cents', 'status'],
    patch: { late_fee_cents: 0 },
    conflict_guard: { kind: 'column', column: 'updated_at', expected_value: '2026-06-20T14:31:08.123456Z', bump: 'now' },
    idempotency_key: `${proposalId}:INV-3001`,
    attempt: 1,
    lease: { lease_id: 'lease_000000000000000000000000', expires_at: '2099-01-01T00:00:00.000Z', holder: { hostname: 'test', pid: process.pid } },
    created_at: '2026-06-20T14:40:00.000Z',
    ...overrides,
  };
}

/** Like `invoiceJob`, with the job id prefix the receipts trigger reacts to. */
export function withJobPrefix(job: WritebackJob, prefix: 'wbj_raise' | 'wbj_skip'): WritebackJob {
  return { ...job, writeback_job_id: `${prefix}_${job.proposal_id}` };
}
