import type BetterSqlite3 from 'better-sqlite3';
import { SynapsorError } from '@synapsor/core';
import { SCHEMA_V1 } from './v1.js';
import { SCHEMA_V2 } from './v2.js';

/** Index i holds the SQL that moves `user_version` from i to i + 1. */
export const MIGRATIONS: readonly string[] = [SCHEMA_V1, SCHEMA_V2];
export const SCHEMA_VERSION = MIGRATIONS.length;

const OUR_TABLES = new Set([
  'proposals', 'proposal_events', 'approvals', 'evidence_bundles', 'evidence_items', 'query_audit',
  'writeback_jobs', 'receipts', 'replay_records', 'runner_state',
]);

function userVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A version-0 file that already holds other tables belongs to some other program. */
function isForeignDatabase(db: BetterSqlite3.Database): boolean {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return names.some((name) => !OUR_TABLES.has(name));
}

export type SchemaProblem = { code: 'STORE_SCHEMA_TOO_NEW'; found: number } | { code: 'FOREIGN_DATABASE' } | null;

/**
 * Applies pending migrations, each in one `BEGIN IMMEDIATE` transaction that re-reads the
 * version first, so two processes opening a new file cannot both apply one. Reads no rows.
 */
export function migrate(db: BetterSqlite3.Database): SchemaProblem {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) return { code: 'STORE_SCHEMA_TOO_NEW', found: current };
  if (current === SCHEMA_VERSION) return null;
  if (current === 0 && isForeignDatabase(db)) return { code: 'FOREIGN_DATABASE' };
  for (let version = current; version < SCHEMA_VERSION; version += 1) {
    db.transaction(() => {
      if (userVersion(db) !== version) return;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return null;
}

export function schemaTooNew(found: number): SynapsorError {
  return new SynapsorError(
    'STORE_SCHEMA_TOO_NEW',
    `The local store has schema version ${found}; this runner knows up to version ${SCHEMA_VERSION}. Upgrade synapsor-runner.`,
    { found, supported: SCHEMA_VERSION },
  );
}
