/**
 * Read latency through the adapter's read path vs a bare mysql2 `execute` of the same row on
 * the same pool. Run: `pnpm --filter @synapsor/adapters-mysql bench` (needs the local MariaDB).
 */
import os from 'node:os';
import mysql from 'mysql2/promise';
import type { ReadPlan } from '@synapsor/core';
import { resolveTarget } from '../src/options.js';
import { createManagedPool } from '../src/pool.js';
import { ReadTemplateCache, readParameters, runRead } from '../src/read.js';

const URL_BASE = process.env.SYNAPSOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5000);
const WARMUP = 500;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const database = `syn_bench_${process.pid}`;
  const admin = await mysql.createConnection({ uri: URL_BASE, multipleStatements: true });
  await admin.query(`CREATE DATABASE \`${database}\`; USE \`${database}\`;
    CREATE TABLE invoices (invoice_id varchar(32), tenant_id varchar(32), amount_cents int, status varchar(16), updated_at timestamp(6) DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (invoice_id, tenant_id)) ENGINE=InnoDB;
    INSERT INTO invoices (invoice_id, tenant_id, amount_cents, status) VALUES ('INV-1', 'acme', 5500, 'open');`);
  const url = new URL(URL_BASE);
  url.pathname = `/${database}`;
  const pool = createManagedPool({ target: resolveTarget({ U: url.toString() }, 'U', 'SOURCE_CREDENTIAL_MISSING'), role: 'reader', connectionLimit: 1, statementTimeoutMs: 5000, ssl: undefined });
  const plan: ReadPlan = {
    source_id: 'bench', engine: 'mysql', schema: database, table: 'invoices',
    columns: ['invoice_id', 'amount_cents', 'status', 'tenant_id', 'updated_at'], visible_columns: ['invoice_id', 'amount_cents', 'status'],
    primary_key: 'invoice_id', lookup_value: 'INV-1', tenant_key: 'tenant_id', tenant_value: 'acme', limit: 2, statement_timeout_ms: 5000,
  };
  const templates = new ReadTemplateCache();
  const text = templates.get(plan);
  const params = readParameters(plan);
  const adapterRead = async (): Promise<void> => {
    await runRead(pool, templates.get(plan), plan, 5000, undefined);
  };
  const bareRead = async (): Promise<void> => {
    await pool.raw.promise().execute(text, params as string[]);
  };
  const timed = async (fn: () => Promise<void>): Promise<number> => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  try {
    for (let i = 0; i < WARMUP; i += 1) {
      await adapterRead();
      await bareRead();
    }
    // Alternate per iteration (and swap the order) so machine noise hits both sides alike.
    const adapter: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ITERATIONS; i += 1) {
      if (i % 2 === 0) {
        adapter.push(await timed(adapterRead));
        bare.push(await timed(bareRead));
      } else {
        bare.push(await timed(bareRead));
        adapter.push(await timed(adapterRead));
      }
    }
    adapter.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const report = {
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      iterations: adapter.length,
      adapter_p50_ms: +percentile(adapter, 50).toFixed(3),
      adapter_p99_ms: +percentile(adapter, 99).toFixed(3),
      bare_p50_ms: +percentile(bare, 50).toFixed(3),
      bare_p99_ms: +percentile(bare, 99).toFixed(3),
      adapter_mean_ms: +(adapter.reduce((a, b) => a + b, 0) / adapter.length).toFixed(3),
      bare_mean_ms: +(bare.reduce((a, b) => a + b, 0) / bare.length).toFixed(3),
      ratio_p50: +(percentile(adapter, 50) / percentile(bare, 50)).toFixed(2),
      ratio_p99: +(percentile(adapter, 99) / percentile(bare, 99)).toFixed(2),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await pool.close();
    await admin.query(`DROP DATABASE \`${database}\``);
    await admin.end();
  }
}

await main();
