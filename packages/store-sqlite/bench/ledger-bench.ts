// Bench: open time at N evidence rows, recordRead insert rate, activity/search latency.
// Timing uses the real clock on purpose; numbers go to the README, never into tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore, storeBytes } from '@synapsor/store-sqlite';
import { generateEvidence } from './generate.js';

const rows = Number(process.argv[2] ?? process.env['SYNAPSOR_BENCH_ROWS'] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'synapsor-bench-'));
const path = join(dir, 'ledger.db');

const stat = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median_ms: +at(0.5).toFixed(2), p95_ms: +at(0.95).toFixed(2), max_ms: +sorted.at(-1)!.toFixed(2) };
};
async function time(n: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stat(samples);
}

try {
  await (await openSqliteStore({ path })).close();
  let t = performance.now();
  generateEvidence(path, rows);
  const generateS = (performance.now() - t) / 1000;

  const open = await time(10, async () => (await openSqliteStore({ path })).close());

  const store = await openSqliteStore({ path });
  const fx = new LedgerFixtures(Date.parse('2026-06-20T14:00:00.000Z'), 'be');
  const inputs = Array.from({ length: 2000 }, (_, i) => fx.read({ object_id: `B-${i}`, tenant: `tenant_${i % 50}`, at: fx.at(i / 60) }));
  t = performance.now();
  const cpu = process.cpuUsage();
  for (const input of inputs) await store.recordRead(input);
  const readsPerS = Math.round(inputs.length / ((performance.now() - t) / 1000));
  // CPU (user + system) per call is steadier than the rate on a shared machine: the WAL writes
  // are system time, and waiting for a core does not count.
  const { user, system } = process.cpuUsage(cpu);
  const readCpuUs = Math.round((user + system) / inputs.length);
  // Eight concurrent callers (an HTTP server's sessions): group commit shares one transaction.
  const waves = Array.from({ length: 2000 }, (_, i) => fx.read({ object_id: `C-${i}`, tenant: `tenant_${i % 50}`, at: fx.at(i / 60) }));
  t = performance.now();
  const cpu8 = process.cpuUsage();
  for (let i = 0; i < waves.length; i += 8) await Promise.all(waves.slice(i, i + 8).map((input) => store.recordRead(input)));
  const readsPerSX8 = Math.round(waves.length / ((performance.now() - t) / 1000));
  const used8 = process.cpuUsage(cpu8);
  const readCpuUsX8 = Math.round((used8.user + used8.system) / waves.length);

  const searches = {
    activity_all: await time(50, () => store.activity({})),
    activity_tenant: await time(50, () => store.activity({ tenant: 'tenant_7' })),
    activity_tenant_capability: await time(50, () => store.activity({ tenant: 'tenant_7', capability: 'crm.inspect_customer' })),
    evidence_object_id: await time(50, () => store.listEvidence({ object_id: 'INV-123456' })),
    evidence_time_window: await time(50, () => store.listEvidence({ from: '2025-01-05T00:00:00.000Z', to: '2025-01-06T00:00:00.000Z', limit: 200 })),
  };
  const bytes = storeBytes(path);
  await store.close();
  console.log(JSON.stringify({ rows, generate_s: +generateS.toFixed(1), bytes, open, record_read_per_s: readsPerS, record_read_cpu_us: readCpuUs, record_read_x8_per_s: readsPerSX8, record_read_x8_cpu_us: readCpuUsX8, searches }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
