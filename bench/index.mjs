// The benchmark suite: `runBenchmarks({name, json})` runs one measure or all of them, writes
// bench/results/<date>-<name>.json per measure (+ <date>-all.json for a full run) and returns the
// combined object that `--json` prints. Shared by `pnpm bench` (bench/run.mjs) and
// `synapsor-runner benchmark` (which only parses flags and calls this).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assertBuilt, REPO_ROOT, RESULTS_DIR } from './lib/paths.mjs';
import { removeLedgers } from './lib/ledger-fill.mjs';
import { pgVersion } from './lib/reference-db.mjs';
import { machineInfo } from './lib/stats.mjs';
import { summaryTable } from './lib/summary-table.mjs';

/** Order of a full run: cheapest first, the 1M-row ledger is shared by cold-start and ledger-scale. */
export const MEASURES = ['tokens', 'cold-start', 'call-latency', 'http-throughput', 'apply-rate', 'ledger-scale'];
const ALIASES = { 'mcp-efficiency': 'tokens' };
/** The keys `--json` always carries (null when that measure did not run). */
const HEADLINE_KEYS = ['cold_start_ms', 'call_p50_ms', 'call_p99_ms', 'http_calls_per_s', 'applies_per_s', 'tokens_per_capability'];

export function resolveMeasure(name) {
  if (name === undefined || name === 'all') return null;
  const canonical = ALIASES[name] ?? name;
  if (!MEASURES.includes(canonical)) throw new RangeError(`unknown benchmark "${name}" (one of ${[...MEASURES, ...Object.keys(ALIASES)].join(', ')})`);
  return canonical;
}

function writeResult(date, name, body) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${date}-${name}.json`);
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return relative(REPO_ROOT, path);
}

/**
 * `log` gets progress lines (stderr); `print` gets the human report (stdout, text mode only).
 * Returns `{ok, summary}`; a failing measure is recorded with its error and the others still run.
 */
export async function runBenchmarks({ name, log = () => undefined, print = () => undefined } = {}) {
  assertBuilt();
  const only = resolveMeasure(name);
  const selected = only ? [only] : MEASURES;
  const date = new Date().toISOString().slice(0, 10);
  const pg = await pgVersion().catch(() => null);
  const summary = { ok: true, machine: machineInfo(pg), ...Object.fromEntries(HEADLINE_KEYS.map((key) => [key, null])), measures: {} };
  try {
    for (const measure of selected) {
      const module = await import(`./measures/${measure}.mjs`);
      const machineBefore = machineInfo(pg);
      log(`== ${measure} (load ${machineBefore.load_average.join(' ')})`);
      try {
        const result = await module.run({ log });
        const body = { name: measure, date: new Date().toISOString(), machine: machineBefore, load_average_after: machineInfo(pg).load_average, ...result.headline, details: result.details };
        const file = writeResult(date, measure, body);
        Object.assign(summary, result.headline);
        summary.measures[measure] = { ok: true, file };
        print(`\n${measure}  (load ${machineBefore.load_average.join(' ')})\n${result.lines.map((line) => `  ${line}`).join('\n')}\n  → ${file}\n`);
      } catch (error) {
        summary.ok = false;
        const message = error instanceof Error ? error.message : String(error);
        summary.measures[measure] = { ok: false, error: message };
        print(`\n${measure}: FAILED — ${message}\n`);
      }
    }
  } finally {
    removeLedgers();
  }
  summary.machine.load_average_end = machineInfo(pg).load_average;
  if (!only) summary.file = writeResult(date, 'all', summary);
  print(summaryTable(summary));
  return summary;
}
