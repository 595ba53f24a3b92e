// Bench: in-thread vs threaded store under 8 concurrent `recordRead` loops (an HTTP server's
// sessions). What matters for a one-process server is the ledger's cost on the *event loop*, so
// besides calls/s and process CPU it reports the main thread's own CPU per call.
//
// `process.cpuUsage()` sums every thread (the worker, libuv's pool, GC helpers). The main thread's
// own time comes from Linux's /proc/self/task/<pid>/schedstat (ns on CPU; the main thread's tid
// is the pid). Elsewhere it falls back to event-loop utilisation × wall time, which also counts
// time the loop was runnable but waiting for a core. Numbers go to the README, never into tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore, type SqliteLedgerStore } from '@synapsor/store-sqlite';

const workerScript = process.env['SYNAPSOR_BENCH_WORKER_SCRIPT'];
const calls = Number(process.env['SYNAPSOR_BENCH_CALLS'] ?? 8000);
const rounds = Number(process.env['SYNAPSOR_BENCH_ROUNDS'] ?? 3);
const LOOPS = 8;
const WARM_UP = 400;
const MODES = ['in-thread', 'worker'] as const;
type Mode = (typeof MODES)[number];
const dir = mkdtempSync(join(tmpdir(), 'synapsor-thread-bench-'));

function mainThreadNs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

async function open(mode: Mode, path: string): Promise<SqliteLedgerStore> {
  if (mode === 'in-thread') return openSqliteStore({ path });
  return openSqliteStore({ path, thread: 'worker', ...(workerScript ? { workerScript } : {}) });
}

let run = 0;
async function measure(mode: Mode) {
  const store = await open(mode, join(dir, `r${(run += 1)}`, 'ledger.db'));
  const fx = new LedgerFixtures(Date.parse('2026-06-20T14:00:00.000Z'), 'tb');
  // Inputs are built (and hashed) before timing: only the store's work is measured.
  const make = (i: number) => fx.read({ object_id: `T-${i}`, tenant: `tenant_${i % 50}` });
  const warm = Array.from({ length: WARM_UP }, (_, i) => make(calls + i));
  const inputs = Array.from({ length: calls }, (_, i) => make(i));
  await Promise.all(warm.map((input) => store.recordRead(input)));
  let next = 0;
  const loop = async () => {
    while (next < inputs.length) await store.recordRead(inputs[(next += 1) - 1]!);
  };
  const cpu = process.cpuUsage();
  const main = mainThreadNs();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(Array.from({ length: LOOPS }, loop));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const loopUse = performance.eventLoopUtilization(elu);
  const mainNs = main === null ? null : mainThreadNs()! - main;
  await store.close();
  const mainUs = mainNs === null ? loopUse.utilization * wallMs * 1000 : mainNs / 1000;
  return {
    mode,
    calls_per_s: Math.round(calls / (wallMs / 1000)),
    process_cpu_us_per_call: Math.round((used.user + used.system) / calls),
    main_thread_cpu_us_per_call: Math.round(mainUs / calls),
    event_loop_utilization: +loopUse.utilization.toFixed(2),
    main_thread_source: mainNs === null ? 'elu' : 'schedstat',
  };
}

try {
  const runs: Array<Awaited<ReturnType<typeof measure>>> = [];
  // Alternating the modes spreads a neighbour's load over both alike.
  for (let i = 0; i < rounds; i += 1) for (const mode of MODES) runs.push(await measure(mode));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = MODES.map((mode) => {
    const mine = runs.filter((r) => r.mode === mode);
    return {
      mode,
      calls_per_s: median(mine.map((r) => r.calls_per_s)),
      process_cpu_us_per_call: median(mine.map((r) => r.process_cpu_us_per_call)),
      main_thread_cpu_us_per_call: median(mine.map((r) => r.main_thread_cpu_us_per_call)),
      event_loop_utilization: median(mine.map((r) => r.event_loop_utilization)),
    };
  });
  console.log(JSON.stringify({ calls, loops: LOOPS, rounds, main_thread_source: runs[0]?.main_thread_source, summary, runs }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
