// Large ledgers for cold-start and ledger-scale. Rows come from store-sqlite's own bench generator
// (batched direct inserts of evidence bundles + items, realistic in row size and index load) so
// both suites measure the same data; going through recordRead would take ~40 min for 1M rows.
// Files are cached per process by row count (1M rows ≈ 2.3 GB, ~1 min to generate) and removed
// by `removeLedgers()`, which the runner always calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { bundleForNode } from '../../scripts/bundle-for-node.mjs';
import { REPO_ROOT } from './paths.mjs';
import { now } from './stats.mjs';

let dir = null;
let generator = null;
const ledgers = new Map();

/** Bundles one of the workspace's TypeScript helpers (sources, not dist) and imports it. */
async function loadBundled(relativePath, name) {
  const out = await bundleForNode(join(REPO_ROOT, relativePath), name);
  try {
    return await import(out);
  } finally {
    rmSync(out, { force: true });
  }
}

/** Path of a migrated store holding `rows` evidence reads; `{path, generate_s}`. */
export async function ledgerWithRows(rows, log = () => undefined) {
  const cached = ledgers.get(rows);
  if (cached) return cached;
  dir ??= mkdtempSync(join(tmpdir(), 'synapsor-bench-ledgers-'));
  const path = join(dir, `ledger-${rows}.db`);
  await (await openSqliteStore({ path })).close();
  generator ??= await loadBundled('packages/store-sqlite/bench/generate.ts', 'bench-generate');
  log(`generating a ledger with ${rows.toLocaleString('en-US')} evidence rows…`);
  const started = now();
  if (rows > 0) generator.generateEvidence(path, rows);
  const entry = { path, generate_s: Number(((now() - started) / 1000).toFixed(1)) };
  ledgers.set(rows, entry);
  return entry;
}

/**
 * core's LedgerFixtures (valid proposal/decision/claim/receipt inputs). Bundled from source
 * because `@synapsor/core/testing`'s dist also pulls in vitest, which cannot load outside a test.
 */
export async function loadLedgerFixtures() {
  return (await loadBundled('packages/core/src/testing/ledger-fixtures.ts', 'bench-fixtures')).LedgerFixtures;
}

export function removeLedgers() {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  ledgers.clear();
}
