// Bundles a TypeScript entry (fixture or bench) into one ESM file a `node` process can run.
// Workspace packages are inlined from source (dist may not exist yet). npm packages the
// entry's package can resolve stay external (the output is written into its node_modules);
// the rest (e.g. core's own dependencies) are inlined.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Nearest directory with a package.json (this module may itself run from a bundle). */
function packageDirOf(start) {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${start}`);
}

export const packagesDir = dirname(packageDirOf(dirname(fileURLToPath(import.meta.url))));

export const STDIO_FIXTURE = resolve(packagesDir, 'mcp-stdio/test/fixtures/stdio-server.ts');

function externalIfResolvable(ownerDir) {
  const ownerRequire = createRequire(resolve(ownerDir, 'package.json'));
  return {
    name: 'external-if-resolvable',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@synapsor/')) return undefined;
        try {
          ownerRequire.resolve(args.path);
          return { path: args.path, external: true };
        } catch {
          return undefined;
        }
      });
    },
  };
}

/** Writes next to the entry's own package, so its npm dependencies resolve at run time. */
export async function bundleFixture(entry) {
  const ownerDir = packageDirOf(dirname(entry));
  const outDir = resolve(ownerDir, 'node_modules/.cache/synapsor-fixtures');
  mkdirSync(outDir, { recursive: true });
  const outfile = resolve(outDir, `${basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalIfResolvable(ownerDir)],
    alias: {
      '@synapsor/core/mcp': resolve(packagesDir, 'core/src/mcp.ts'),
      '@synapsor/core': resolve(packagesDir, 'core/src/index.ts'),
      '@synapsor/mcp-stdio': resolve(packagesDir, 'mcp-stdio/src/index.ts'),
      '@synapsor/mcp-http': resolve(packagesDir, 'mcp-http/src/index.ts'),
    },
    logLevel: 'silent',
  });
  return outfile;
}
