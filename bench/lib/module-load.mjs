// Module-load cost of the CLI bundle's static imports, split into what `mcp serve` (stdio) needs
// and what it loads only because the bundle imports every command's dependencies up front. Each
// sample is a fresh `node` (cold module cache), importing entry files by absolute path, in order.
// This is the measured "after" of the lazy-loading fix proposed in docs/performance.md.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths.mjs';
import { summarize } from './stats.mjs';

const pkg = (name) => join(REPO_ROOT, 'packages', name, 'dist/index.js');
const cliDep = (name) => join(realpathSync(join(REPO_ROOT, 'packages/cli/node_modules', name)), 'dist/index.js');

export const SERVE_STDIO_NEEDS = ['core', 'store-sqlite', 'adapters-postgres', 'mcp-stdio'].map(pkg);
export function notNeededForStdio() {
  return [...['adapters-mysql', 'mcp-http', 'mcp-audit', 'writeback-executors'].map(pkg), cliDep('@electric-sql/pglite'), cliDep('@electric-sql/pglite-socket')];
}

function timeImports(groups) {
  const script = `
    const groups = ${JSON.stringify(Object.fromEntries(Object.entries(groups).map(([key, files]) => [key, files.map((file) => pathToFileURL(file).href)])))};
    const out = {};
    for (const [key, urls] of Object.entries(groups)) {
      const t = performance.now();
      for (const url of urls) await import(url);
      out[key] = performance.now() - t;
    }
    process.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`module-load probe exited ${code}`))));
  });
}

/** Median import ms of each group over `runs` fresh processes (needed group first, as in serve). */
export async function moduleLoadCost(runs = 5) {
  const groups = { serve_stdio_needs: SERVE_STDIO_NEEDS, not_needed_for_stdio: notNeededForStdio() };
  const samples = { serve_stdio_needs: [], not_needed_for_stdio: [] };
  for (let i = 0; i < runs; i += 1) {
    const result = await timeImports(groups);
    for (const key of Object.keys(samples)) samples[key].push(result[key]);
  }
  return Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, summarize(values).median_ms]));
}
