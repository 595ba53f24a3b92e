// Bundles a TypeScript entry (tests' child processes, bench scripts) into one ESM file plain
// `node` can run: Node 20 cannot execute .ts, and the workspace packages' dist may be stale or
// absent. Dev tooling shared by several packages' tests and benches; not shipped.
//
// - `@synapsor/*` (every subpath a package exports) resolves to its TypeScript source, like the
//   root vitest aliases.
// - npm packages the entry's own package can resolve stay external: the output is written inside
//   that package's node_modules/.cache, so they resolve at run time exactly as in the package.
// - Native modules it cannot resolve (better-sqlite3 reached through store-sqlite) stay external
//   by absolute path, since a .node binary cannot be inlined.
// - Everything else (e.g. core's own dependencies) is inlined.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The workspace root, found by walking up: this module may itself run inlined in a bundle. */
function workspaceRoot() {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
  }
  throw new Error(`no pnpm-workspace.yaml above ${start}`);
}

const root = workspaceRoot();
export const packagesDir = join(root, 'packages');

const NATIVE = new Set(['better-sqlite3']);

// esbuild comes from the root devDependency tsup (the same build the packages are built with),
// so a package needs no esbuild of its own to bundle.
const rootRequire = createRequire(join(root, 'package.json'));
const esbuildPath = createRequire(rootRequire.resolve('tsup')).resolve('esbuild');
const { build } = await import(pathToFileURL(esbuildPath).href);

/** `@synapsor/<pkg>[/<subpath>]` → source file, derived from each package's `exports`. */
function workspaceSources() {
  const sources = new Map();
  for (const dir of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const file = typeof target === 'string' ? target : target.import;
      if (!file?.startsWith('./dist/')) continue;
      const source = file.replace('./dist/', 'src/').replace(/\.js$/, '.ts');
      const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      sources.set(name, join(packagesDir, dir, source));
    }
  }
  return sources;
}

/** Nearest directory with a package.json. */
function packageDirOf(start) {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${start}`);
}

/**
 * Directory of package `name` as Node's ESM loader finds it from `fromDir`: node_modules folders
 * upwards only. Not require.resolve: that also honours NODE_PATH, which pnpm sets for its bins
 * and ESM ignores, so it would call packages reachable that the bundle then cannot import.
 */
function packageDirFrom(fromDir, name) {
  for (let dir = fromDir; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

function resolution(ownerDir) {
  const sources = workspaceSources();
  return {
    name: 'synapsor-node-bundle',
    setup(b) {
      b.onResolve({ filter: /^@synapsor\// }, (args) => {
        const source = sources.get(args.path);
        return source ? { path: source } : undefined;
      });
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return undefined;
        const packageName = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
        if (packageDirFrom(ownerDir, packageName)) return { path: args.path, external: true };
        if (!NATIVE.has(packageName) || !packageDirFrom(args.resolveDir, packageName)) return undefined;
        const resolved = createRequire(join(args.resolveDir, 'importer.js')).resolve(args.path);
        return { path: realpathSync(resolved), external: true };
      });
    },
  };
}

/**
 * Bundles `entry` and returns the output path,
 * `<entry's package>/node_modules/.cache/synapsor/<name>-<pid>.mjs` (the pid keeps parallel test
 * workers apart). The caller deletes it when done.
 */
export async function bundleForNode(entry, name = basename(entry).replace(/\.[cm]?tsx?$/, '')) {
  const ownerDir = packageDirOf(dirname(entry));
  const outDir = join(ownerDir, 'node_modules/.cache/synapsor');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // pg loads pg-native only inside a try/catch, and it is not installed.
    external: ['pg-native'],
    plugins: [resolution(ownerDir)],
    // Inlined CommonJS dependencies call `require` for node built-ins.
    banner: { js: "import { createRequire as __synapsorCreateRequire } from 'node:module'; const require = __synapsorCreateRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}
