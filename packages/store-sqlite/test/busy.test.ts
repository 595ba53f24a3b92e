import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { clock, errorOf, tempStores } from './support.js';

const stores = tempStores('busy');

describe('a locked ledger', () => {
  it('answers LEDGER_BUSY after busy_timeout, never the driver message; reads still work', async () => {
    const path = stores.next();
    const store = await openSqliteStore({ path, clock, busyTimeoutMs: 20 });
    const fx = new LedgerFixtures();
    await store.recordRead(fx.read({ object_id: 'A' }));
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const error = await errorOf(store.recordRead(fx.read({ object_id: 'B' })));
    expect(error?.code).toBe('LEDGER_BUSY');
    expect(error?.message).not.toMatch(/SQLITE|locked/i);
    expect(await store.listEvidence()).toHaveLength(1);
    holder.exec('ROLLBACK');
    holder.close();
    await store.recordRead(fx.read({ object_id: 'C' }));
    expect((await store.verify())).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });
});
