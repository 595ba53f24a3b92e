// `node packages/store-sqlite/bench/run.mjs [rows]` — bundles ledger-bench.ts with esbuild (see
// the repo-root scripts/bundle-for-node.mjs) and runs it in this process.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';

const out = await bundleForNode(fileURLToPath(new URL('./ledger-bench.ts', import.meta.url)), 'ledger-bench');
try {
  await import(out);
} finally {
  rmSync(out, { force: true });
}
