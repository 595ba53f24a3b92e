import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';

/**
 * The threaded store's worker script for this test file. Node 20 cannot run the `.ts` entry in a
 * worker, so it is bundled once (scripts/bundle-for-node.mjs) and removed after the file's tests.
 * Call at module level; use the returned getter inside tests.
 */
export function bundledLedgerWorker(): () => string {
  let script = '';
  beforeAll(async () => {
    script = await bundleForNode(fileURLToPath(new URL('../src/ledger-worker.ts', import.meta.url)), 'ledger-worker');
  });
  afterAll(() => rmSync(script, { force: true }));
  return () => script;
}
