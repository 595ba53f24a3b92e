// Cold start (spawn → tools/list answered) and sequential tools/call latency over real pipes,
// against the in-memory stub runtime. Run: `pnpm --filter @synapsor/mcp-stdio bench`.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { READ_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
import { INITIALIZE_PARAMS, spawnServer, STDIO_FIXTURE } from '../test/support/child.js';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const WARMUP = 500;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (value: number): string => `${value.toFixed(3)} ms`;

async function coldStart(script: string): Promise<number> {
  const started = performance.now();
  const server = spawnServer(script, { SYNAPSOR_LOG_LEVEL: 'info' });
  await server.request(1, 'initialize', INITIALIZE_PARAMS);
  server.notify('notifications/initialized');
  await server.request(2, 'tools/list');
  const elapsed = performance.now() - started;
  server.child.stdin.end();
  await server.exited;
  return elapsed;
}

async function sequentialCalls(script: string): Promise<number[]> {
  const server = spawnServer(script, { SYNAPSOR_LOG_LEVEL: 'info' });
  await server.request(1, 'initialize', INITIALIZE_PARAMS);
  server.notify('notifications/initialized');
  const latencies: number[] = [];
  for (let i = 0; i < WARMUP + CALLS; i += 1) {
    const started = performance.now();
    await server.request(10 + i, 'tools/call', { name: READ_TOOL, arguments: { invoice_id: 'inv_1' } });
    if (i >= WARMUP) latencies.push(performance.now() - started);
  }
  server.child.stdin.end();
  await server.exited;
  return latencies.sort((a, b) => a - b);
}

const script = await bundleForNode(STDIO_FIXTURE);
const colds: number[] = [];
for (let i = 0; i < COLD_RUNS; i += 1) colds.push(await coldStart(script));
colds.sort((a, b) => a - b);
const calls = await sequentialCalls(script);
rmSync(script, { force: true });
console.log(
  JSON.stringify(
    {
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      cold_start: { runs: COLD_RUNS, p50: ms(percentile(colds, 50)), min: ms(colds[0]!), max: ms(colds.at(-1)!) },
      sequential_call: { calls: CALLS, p50: ms(percentile(calls, 50)), p99: ms(percentile(calls, 99)) },
    },
    null,
    2,
  ),
);
