// Bundles the TypeScript bench (workspace imports resolved to sources) with the workspace's
// esbuild binary, then runs it with plain node.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const outfile = `${here}.read-latency.bundle.mjs`;
const esbuild = `${here}../../../node_modules/.bin/esbuild`;
const built = spawnSync(
  esbuild,
  [
    `${here}read-latency.ts`, '--bundle', '--platform=node', '--format=esm', '--target=node20', `--outfile=${outfile}`,
    '--external:mysql2', '--external:kysely', `--alias:@synapsor/core=${here}../../core/src/index.ts`, '--log-level=warning',
  ],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);
const result = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
rmSync(outfile, { force: true });
process.exit(result.status ?? 1);
