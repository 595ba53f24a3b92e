// `node packages/store-sqlite/bench/threads.mjs` — in-thread vs threaded store (thread-bench.ts).
// Bundles the bench and the worker entry with esbuild (Node 20 runs neither .ts file; see the
// repo-root scripts/bundle-for-node.mjs) and runs the bench in this process.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const worker = await bundleForNode(here('../src/ledger-worker.ts'), 'bench-ledger-worker');
const bench = await bundleForNode(here('./thread-bench.ts'), 'thread-bench');
process.env.SYNAPSOR_BENCH_WORKER_SCRIPT = worker;
try {
  await import(bench);
} finally {
  rmSync(bench, { force: true });
  rmSync(worker, { force: true });
}
