// Repo-relative locations the measures need (the suite runs from a checkout, against built dist).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(BENCH_DIR, '..');
export const CLI_BIN = join(REPO_ROOT, 'packages/cli/dist/bin.js');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

export function assertBuilt() {
  if (!existsSync(CLI_BIN)) {
    throw new Error('packages/cli/dist/bin.js is missing: run `pnpm bench` (it builds first) or `pnpm turbo run build --filter @synapsor/cli...`');
  }
}
