/**
 * Read latency through the adapter vs a bare `pg` query of the same row on an identically
 * configured pool (same startup options: read-only, UTC, statement timeout). The adapter runs
 * reads as named (prepared) statements by default; the bench also runs it with
 * `prepareStatements: false` and the bare query both unnamed and named, so each adapter mode
 * has a like-for-like driver baseline. Also measures the transactional read form (BEGIN READ
 * ONLY; SET LOCAL statement_timeout; SELECT; COMMIT) used only when a plan's timeout differs.
 *
 * Run: pnpm --filter @synapsor/adapters-postgres bench   (bundles this file with esbuild)
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import type { ReadPlan } from '@synapsor/core';
import { poolConfig } from '../src/connection.js';
import { createPostgresAdapter } from '../src/index.js';
import { statementName } from '../src/prepared-statements.js';

const URL_ = process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10000);
const BLOCK = 250;
const TIMEOUT_MS = 5000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: Number(percentile(sorted, 50).toFixed(4)), p99_ms: Number(percentile(sorted, 99).toFixed(4)) };
}

async function timed(run: () => Promise<unknown>, into: number[], count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await run();
    into.push(performance.now() - started);
  }
}

async function main(): Promise<void> {
  const schema = `synapsor_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.invoices (id text PRIMARY KEY, tenant_id text NOT NULL, status text NOT NULL, late_fee_cents int4 NOT NULL, amount numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL);
    INSERT INTO ${schema}.invoices SELECT 'INV-' || g, CASE WHEN g % 2 = 0 THEN 'acme' ELSE 'globex' END, 'open', g, g * 1.5, now() FROM generate_series(1, 1000) g;
    ANALYZE ${schema}.invoices;`);
  const adapterOptions = { sourceId: 'bench', readUrlEnv: 'URL', statementTimeoutMs: TIMEOUT_MS, poolMax: 4, env: { URL: URL_ } };
  const adapter = createPostgresAdapter(adapterOptions);
  const unprepared = createPostgresAdapter({ ...adapterOptions, prepareStatements: false });
  const bare = new pg.Pool(poolConfig({ role: 'reader', url: URL_, max: 4, statementTimeoutMs: TIMEOUT_MS }));
  const plan: ReadPlan = {
    source_id: 'bench',
    engine: 'postgres',
    schema,
    table: 'invoices',
    columns: ['id', 'status', 'late_fee_cents', 'amount', 'updated_at', 'tenant_id'],
    visible_columns: ['id', 'status', 'late_fee_cents', 'amount', 'updated_at'],
    primary_key: 'id',
    lookup_value: 'INV-500',
    tenant_key: 'tenant_id',
    tenant_value: 'acme',
    limit: 2,
    statement_timeout_ms: TIMEOUT_MS,
  };
  const text = adapter.readTemplate(plan);
  const values = ['INV-500', 'acme'];
  const viaAdapter = () => adapter.readOne(plan);
  const viaTransaction = () => adapter.readOne({ ...plan, statement_timeout_ms: TIMEOUT_MS - 1 });
  const viaUnprepared = () => unprepared.readOne(plan);
  const viaBare = () => bare.query(text, values);
  const viaBareNamed = () => bare.query({ name: statementName(text), text, values });
  try {
    const check = await adapter.readOne(plan);
    if (check.rows.length !== 1) throw new Error('bench row missing');
    // Warm both pools and the server's plan cache.
    const variants = { adapter: viaAdapter, unprepared: viaUnprepared, bare: viaBare, bareNamed: viaBareNamed, transactional: viaTransaction };
    for (const run of Object.values(variants)) await timed(run, [], 2000);
    const samples = { adapter: [] as number[], unprepared: [] as number[], bare: [] as number[], bareNamed: [] as number[], transactional: [] as number[] };
    // Interleaved blocks so drift (other load on the box) hits all variants alike.
    for (let done = 0; done < ITERATIONS; done += BLOCK) {
      for (const [variant, run] of Object.entries(variants)) await timed(run, samples[variant as keyof typeof samples], BLOCK);
    }
    const result = {
      iterations: ITERATIONS,
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      adapter: summary(samples.adapter),
      adapter_unprepared: summary(samples.unprepared),
      bare_pg: summary(samples.bare),
      bare_pg_named: summary(samples.bareNamed),
      adapter_transactional: summary(samples.transactional),
      ratio_p50: 0,
      ratio_p99: 0,
      ratio_p50_vs_named: 0,
      ratio_p50_unprepared: 0,
    };
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    // Adapter (default, prepared) vs the plain unnamed driver call — the historical ratio.
    result.ratio_p50 = ratio(result.adapter.p50_ms, result.bare_pg.p50_ms);
    result.ratio_p99 = ratio(result.adapter.p99_ms, result.bare_pg.p99_ms);
    // Like for like: prepared adapter vs named driver call, unprepared adapter vs unnamed call.
    result.ratio_p50_vs_named = ratio(result.adapter.p50_ms, result.bare_pg_named.p50_ms);
    result.ratio_p50_unprepared = ratio(result.adapter_unprepared.p50_ms, result.bare_pg.p50_ms);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await adapter.close();
    await unprepared.close();
    await bare.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : 'bench failed');
  process.exitCode = 1;
});
