import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, it } from 'vitest';
import type { ReadPlan, WritebackJob } from '@synapsor/core';
import { createMysqlAdapter } from '../../src/index.js';
import type { MysqlAdapterOptions } from '../../src/options.js';

export const TEST_URL = process.env.SYNAPSOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function reachable(): Promise<boolean> {
  try {
    const connection = await mysql.createConnection({ uri: TEST_URL, connectTimeout: 3000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

const up = await reachable();

/**
 * Integration suites run against the real server. Unreachable: fail under CI (with the fix),
 * else skip with one loud line naming the suite.
 */
export function describeMysql(name: string, body: () => void): void {
  if (up) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs MariaDB/MySQL', () => {
        throw new Error(`MySQL/MariaDB not reachable for "${name}": start it with \`bash .ci/ensure-databases\` or set SYNAPSOR_TEST_MYSQL_URL`);
      });
    });
    return;
  }
  console.warn(`!!! SKIPPING "${name}": MySQL/MariaDB not reachable (run \`bash .ci/ensure-databases\`) !!!`);
  describe.skip(name, body);
}

export interface TestDatabase {
  name: string;
  /** URL of the admin account pointing at the test database. */
  url: string;
  admin: mysql.Connection;
  drop(): Promise<void>;
}

export function urlFor(database: string, user?: { name: string; password: string }): string {
  const url = new URL(TEST_URL);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

/** A fresh database with a random suffix; `drop()` removes it and any users made for it. */
export async function createTestDatabase(prefix = 'syn_mysql'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: TEST_URL, multipleStatements: true, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.query(`USE \`${name}\``);
  return {
    name,
    url: urlFor(name),
    admin,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

export function adapterFor(url: string, overrides: Partial<MysqlAdapterOptions> = {}) {
  return createMysqlAdapter({
    sourceId: 'app_mysql',
    readUrlEnv: 'TEST_READ_URL',
    writeUrlEnv: 'TEST_WRITE_URL',
    statementTimeoutMs: 5000,
    poolMax: 4,
    env: { TEST_READ_URL: url, TEST_WRITE_URL: url },
    ...overrides,
  });
}

export function plan(schema: string, overrides: Partial<ReadPlan> = {}): ReadPlan {
  return {
    source_id: 'app_mysql',
    engine: 'mysql',
    schema,
    table: 'invoices',
    columns: ['invoice_id', 'amount_cents', 'status', 'tenant_id', 'updated_at'],
    visible_columns: ['invoice_id', 'amount_cents', 'status'],
    primary_key: 'invoice_id',
    lookup_value: 'INV-1',
    tenant_key: 'tenant_id',
    tenant_value: 'acme',
    limit: 2,
    statement_timeout_ms: 5000,
    ...overrides,
  };
}

let sequence = 0;

export function job(schema: string, overrides: Partial<WritebackJob> & { expected?: WritebackJob['conflict_guard'] } = {}): WritebackJob {
  sequence += 1;
  const proposal = `wrp_${randomBytes(12).toString('hex')}`;
  const { expected, ...rest } = overrides;
  return {
    schema_version: 'synapsor.writeback-job.v1',
    writeback_job_id: `wbj_${proposal}`,
    proposal_id: proposal,
    proposal_version: 1,
    proposal_hash: `sha256:${'0'.repeat(64)}`,
    runner_scope: { project_id: 'local', source_id: 'app_mysql' },
    engine: 'mysql',
    operation: 'single_row_update',
    executor: { name: 'sql', type: 'sql_update' },
    target: { schema, table: 'invoices', primary_key: { column: 'invoice_id', value: 'INV-1' } },
    tenant_guard: { column: 'tenant_id', value: 'acme' },
    allowed_columns: ['status', 'amount_cents'],
    patch: { status: 'void' },
    conflict_guard: expected ?? { kind: 'column', column: 'row_version', expected_value: 1, bump: 'increment' },
    idempotency_key: `${proposal}:INV-1`,
    attempt: 1,
    lease: { lease_id: `lease_${sequence}`, expires_at: '2099-01-01T00:00:00.000Z', holder: { hostname: 'test', pid: process.pid } },
    created_at: '2026-01-01T00:00:00.000Z',
    ...rest,
  };
}
