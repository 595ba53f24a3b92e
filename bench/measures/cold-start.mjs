// cold-start: spawn `synapsor-runner mcp serve` (stdio) until an SDK client's tools/list answers.
// Floor: spawning `node -e ""` to exit — what any Node CLI pays before running a line of ours.
// Repeated on a 1,000,000-row ledger: opening the store must not touch rows, so it must not grow.
import { spawn } from 'node:child_process';
import { createReferenceWorkspace } from '../lib/reference-db.mjs';
import { ledgerWithRows } from '../lib/ledger-fill.mjs';
import { moduleLoadCost } from '../lib/module-load.mjs';
import { CLI_BIN } from '../lib/paths.mjs';
import { buildSingleFileCli } from '../lib/single-file-cli.mjs';
import { connectStdio } from '../lib/server.mjs';
import { figure, now, round, sample, summarize } from '../lib/stats.mjs';

const RUNS = Number(process.env.SYNAPSOR_BENCH_COLD_RUNS ?? 10);
const BIG_LEDGER_ROWS = Number(process.env.SYNAPSOR_BENCH_LEDGER_ROWS ?? 1_000_000);
const TARGET_MS = 200;

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}
const nodeFloor = () => runNode(['-e', '']);

async function coldStarts(workspace, storePath, bin = CLI_BIN) {
  // One unrecorded start: creates/migrates the store and warms the page cache, like any re-launch.
  const once = async () => {
    const server = await connectStdio(workspace, { storePath, bin });
    try {
      const { tools } = await server.client.listTools();
      if (tools.length === 0) throw new Error('tools/list returned no tools');
    } finally {
      await server.close();
    }
  };
  await once();
  // The timed span includes spawn, module load, config, store open, initialize and tools/list;
  // close() (child exit) is outside it but inside the loop, so runs never overlap.
  const samples = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = now();
    const server = await connectStdio(workspace, { storePath, bin });
    await server.client.listTools();
    samples.push(now() - started);
    await server.close();
  }
  return samples;
}

/**
 * What-if C2 (docs/performance.md). It bundles the CLI from sources that colleagues may be
 * editing right now, so a failed build is recorded instead of failing the measure.
 */
async function singleFileWhatIf(workspace) {
  let single;
  try {
    single = await buildSingleFileCli();
    return summarize(await coldStarts(workspace, workspace.storePath, single.bin));
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    single?.remove();
  }
}

export async function run({ log }) {
  const workspace = await createReferenceWorkspace();
  try {
    log('cold-start: node floor…');
    await nodeFloor();
    const floor = summarize(await sample(RUNS, nodeFloor));
    log('cold-start: empty ledger…');
    const empty = summarize(await coldStarts(workspace, workspace.storePath));
    const big = await ledgerWithRows(BIG_LEDGER_ROWS, log);
    log(`cold-start: ${BIG_LEDGER_ROWS.toLocaleString('en-US')}-row ledger…`);
    const large = summarize(await coldStarts(workspace, big.path));
    // Where the time goes: loading the CLI bundle alone (`--version`), and its import graph split
    // into what stdio serving needs vs what it loads for other commands.
    log('cold-start: module-load breakdown…');
    const version = summarize(await sample(RUNS, () => runNode([CLI_BIN, '--version'])));
    const modules = await moduleLoadCost();
    log('cold-start: what-if single-file bundle…');
    const singleFile = await singleFileWhatIf(workspace);
    return {
      headline: { cold_start_ms: figure(empty.median_ms, 'ms', floor.median_ms, `≤ ${TARGET_MS}`) },
      details: {
        runs: RUNS,
        floor_node_e: floor,
        empty_ledger: empty,
        large_ledger: { rows: BIG_LEDGER_ROWS, generate_s: big.generate_s, ...large },
        large_vs_empty_ratio: round(large.median_ms / empty.median_ms, 2),
        overhead_over_floor_ms: round(empty.median_ms - floor.median_ms, 1),
        cli_version_only: version,
        module_load_median_ms: modules,
        estimated_after_lazy_loading_ms: round(empty.median_ms - modules.not_needed_for_stdio, 1),
        what_if_single_file_bundle: singleFile,
        target_ms: TARGET_MS,
        met: empty.median_ms <= TARGET_MS && large.median_ms <= TARGET_MS,
      },
      lines: [
        `node -e "" floor      median ${floor.median_ms} ms (p99 ${floor.p99_ms})`,
        `empty ledger          median ${empty.median_ms} ms (p99 ${empty.p99_ms})   target ≤ ${TARGET_MS} ms`,
        `${BIG_LEDGER_ROWS.toLocaleString('en-US')}-row ledger   median ${large.median_ms} ms (p99 ${large.p99_ms})   ratio ${round(large.median_ms / empty.median_ms, 2)}`,
        singleFile.error ? `what-if single-file bundle: not built (${singleFile.error})` : `what-if single-file bundle median ${singleFile.median_ms} ms (p99 ${singleFile.p99_ms})`,
        `bundle load only (--version) median ${version.median_ms} ms; imports needed by stdio ${modules.serve_stdio_needs} ms, not needed ${modules.not_needed_for_stdio} ms`,
      ],
    };
  } finally {
    await workspace.drop();
  }
}
