// What-if for the ledger write cost (docs/performance.md, fix L1): a migrated store whose
// evidence_bundles / query_audit keep only the indexes the hot searches use (tenant, capability,
// object id, proposal id, created_at, the partial activity indexes). Each read call inserts one
// row into each table, so every dropped index is one B-tree page less to dirty per commit.
// Bench-only: the store package is untouched; this edits a scratch copy's schema.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { REPO_ROOT } from './paths.mjs';

const KEEP = new Set(['tenant_id', 'capability', 'object_id', 'proposal_id']);
const TABLES = ['evidence_bundles', 'query_audit'];

/** Creates a migrated store at `path`, drops the other per-column search indexes; returns their names. */
export async function createTrimmedLedger(path) {
  await (await openSqliteStore({ path })).close();
  // better-sqlite3 is a dependency of store-sqlite, not of the root: resolve it from there.
  const Database = createRequire(join(REPO_ROOT, 'packages/store-sqlite/package.json'))('better-sqlite3');
  const db = new Database(path);
  try {
    const dropped = [];
    for (const table of TABLES) {
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table);
      for (const { name } of indexes) {
        const column = name.slice(table.length + 1, -'_idx'.length);
        if (name.startsWith(`${table}_`) && name.endsWith('_idx') && !KEEP.has(column) && column !== 'created' && column !== 'unlinked' && column !== 'unlinked_not_found') {
          db.exec(`DROP INDEX ${name}`);
          dropped.push(name);
        }
      }
    }
    return dropped;
  } finally {
    db.close();
  }
}
