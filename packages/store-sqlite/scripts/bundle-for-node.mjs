// Bundles a TypeScript entry (tests' child workers, bench) into one ESM file plain `node` can run:
// Node 20 cannot execute .ts, and the workspace packages' dist may be stale or absent.
// `@synapsor/*` resolve to their sources; better-sqlite3 (native) stays external and resolves
// from this package's node_modules because the output is written inside it.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = join(pkg, '..');
const SOURCES = {
  '@synapsor/core': join(packages, 'core/src/index.ts'),
  '@synapsor/core/testing': join(packages, 'core/src/testing.ts'),
  '@synapsor/store-sqlite': join(pkg, 'src/index.ts'),
};

const workspaceSources = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@synapsor\// }, (args) => (SOURCES[args.path] ? { path: SOURCES[args.path] } : undefined));
  },
};

/** Bundles `entry` and returns the output path (under node_modules/.cache/synapsor). */
export async function bundleForNode(entry, name) {
  const outDir = join(pkg, 'node_modules/.cache/synapsor');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'vitest'],
    plugins: [workspaceSources],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}
