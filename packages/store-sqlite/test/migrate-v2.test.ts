import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { MIGRATIONS } from '../src/schema/migrations.js';
import { clock, tempStores } from './support.js';

const stores = tempStores('migrate');
const indexNames = (db: Database.Database, table: string) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table);

describe('schema v2 (index diet)', () => {
  it('migrates a v1 store in place: searches answer as before, six indexes gone', async () => {
    const path = stores.next();
    mkdirSync(dirname(path), { recursive: true });
    // A store file exactly as the v1 code created it.
    const v1 = new Database(path);
    v1.exec(MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    v1.close();
    const fx = new LedgerFixtures();
    const read = fx.read({ table: 'invoices' });
    const before = await openSqliteStore({ path: ':memory:', clock });
    await before.recordRead(read);

    const store = await openSqliteStore({ path, clock });
    await store.recordRead(read);
    for (const filter of [{ table: 'public.invoices' }, { table: 'invoices' }, { evidence: read.evidence!.evidence_bundle_id }]) {
      expect(await store.listQueryAudit(filter)).toEqual(await before.listQueryAudit(filter));
      expect(await store.listEvidence(filter)).toEqual(await before.listEvidence(filter));
    }
    expect(await store.listQueryAudit({ table: 'other.invoices' })).toEqual([]);
    expect(await store.activity({})).toEqual(await before.activity({}));
    await store.close();
    await before.close();

    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const remaining = [...indexNames(db, 'evidence_bundles'), ...indexNames(db, 'query_audit')];
    for (const dropped of ['evidence_bundles_target_idx', 'evidence_bundles_query_audit_id_idx', 'evidence_bundles_unlinked_idx',
      'query_audit_table_name_idx', 'query_audit_evidence_bundle_id_idx', 'query_audit_outcome_idx']) {
      expect(remaining).not.toContain(dropped);
    }
    expect(remaining).toContain('query_audit_unlinked_not_found_idx');
    db.close();
  });
});
