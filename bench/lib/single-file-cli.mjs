// What-if for cold start (docs/performance.md, fix C2): the CLI bundled into ONE ESM file with
// its dependencies (esbuild, from packages/cli/src via its tsconfig paths). Node then resolves,
// stats and opens one file instead of several hundred modules. Written next to store-sqlite's
// own bench bundles (its node_modules has better-sqlite3, kept external as a native addon) and
// deleted by the caller. Bench-only: the real build (tsup) is untouched.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';

const STORE_PKG = join(REPO_ROOT, 'packages/store-sqlite');

/** Builds the single-file CLI; returns `{bin, build_ms, remove()}`. */
export async function buildSingleFileCli() {
  // esbuild as tsup (a root devDependency) resolves it: the same build the packages use.
  const fromTsup = createRequire(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsup'));
  const { build } = fromTsup('esbuild');
  const bin = join(STORE_PKG, 'node_modules/.cache/synapsor', `cli-single-${process.pid}.mjs`);
  const started = performance.now();
  await build({
    entryPoints: [join(REPO_ROOT, 'packages/cli/src/bin.ts')],
    outfile: bin,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    loader: { '.sql': 'text' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return { bin, build_ms: Math.round(performance.now() - started), remove: () => rmSync(bin, { force: true }) };
}
