// Shared timing, percentile and machine-info helpers for every bench measure (one place, so all
// figures are computed the same way). Benchmarks are scripts: nothing here asserts a time.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

/** Nearest-rank percentile on an ascending array (p in 0..100). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (value, digits = 3) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

/** median = p50; p99 and extremes beside it, all in ms. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median_ms: round(percentile(sorted, 50)),
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    min_ms: round(sorted[0] ?? null),
    max_ms: round(sorted.at(-1) ?? null),
  };
}

/** Runs `fn` sequentially `count` times (bounded by `maxMs` too) and returns the samples. */
export async function sample(count, fn, maxMs = 120_000) {
  const samples = [];
  const deadline = now() + maxMs;
  for (let i = 0; i < count && now() < deadline; i += 1) {
    const started = now();
    await fn(i);
    samples.push(now() - started);
  }
  return samples;
}

/** Load average is recorded with every figure: the machine is shared with test runs. */
export const loadAverage = () => loadavg().map((value) => round(value, 2));

/**
 * Linux pressure-stall figures (% of the last 10 s some task waited for CPU / I/O). The load
 * average lags by a minute; these show bursts from other jobs, and commits of PostgreSQL and the
 * ledger depend on the I/O one.
 */
function pressure(kind) {
  try {
    return Number(/some avg10=([\d.]+)/.exec(readFileSync(`/proc/pressure/${kind}`, 'utf8'))[1]);
  } catch {
    return null;
  }
}

export function machineInfo(pgVersion = null) {
  const list = cpus();
  return {
    cores: list.length,
    cpu_model: list[0]?.model ?? 'unknown',
    memory_gib: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    pg_version: pgVersion,
    load_average: loadAverage(),
    cpu_pressure_some_avg10: pressure('cpu'),
    io_pressure_some_avg10: pressure('io'),
  };
}

/** A figure next to its floor and (optional) target, so every printout reads the same way. */
export function figure(value, unit, floor, target) {
  return { value: round(value, 3), unit, floor: floor === null ? null : round(floor, 3), target, load_average: loadAverage() };
}

/**
 * CPU ms a live process has used (Linux /proc; null elsewhere). On a shared 2-core machine,
 * work per CPU-second is the load-independent view of a throughput figure.
 */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ = 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Runs `fn(i)` for i < count on `workers` concurrent loops; per-call samples + wall-clock ms. */
export async function sampleConcurrently(count, workers, fn, maxMs = 120_000) {
  const samples = [];
  const started = now();
  const deadline = started + maxMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count && now() < deadline) {
        const i = next;
        next += 1;
        const t = now();
        await fn(i);
        samples.push(now() - t);
      }
    }),
  );
  return { samples, wall_ms: now() - started };
}
