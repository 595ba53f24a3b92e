import { readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const packages = fileURLToPath(new URL('../../../', import.meta.url));

/** `@synapsor/<dir>` → its TypeScript source, like the root vitest aliases. */
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = { '@synapsor/core/testing': join(packages, 'core/src/testing.ts') };
  for (const dir of readdirSync(packages)) aliases[`@synapsor/${dir}`] = join(packages, dir, 'src/index.ts');
  return aliases;
}

/**
 * better-sqlite3 is native: it stays external, imported by absolute path from store-sqlite's own
 * dependency, so the bundle can live in a temp dir.
 */
const nativeSqlite: Plugin = {
  name: 'native-sqlite',
  setup(b) {
    const resolved = realpathSync(createRequire(join(packages, 'store-sqlite/package.json')).resolve('better-sqlite3'));
    b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: resolved, external: true }));
  },
};

/** Bundles a TypeScript entry into one ESM file plain `node` runs (Node 20 cannot run .ts). */
export async function bundleForNode(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['pg-native'],
    alias: workspaceAliases(),
    plugins: [nativeSqlite],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}
