import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runLedgerStoreConformance } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';

// Fixtures live in June 2026; a fixed clock keeps expiry-on-touch independent of the real date.
const clock = { now: () => new Date('2026-06-20T14:00:00.000Z') };
const dir = mkdtempSync(join(tmpdir(), 'synapsor-conformance-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runLedgerStoreConformance('sqlite :memory:', () => openSqliteStore({ path: ':memory:', clock }));
runLedgerStoreConformance('sqlite file', () => openSqliteStore({ path: join(dir, `s${(n += 1)}`, 'ledger.db'), clock }));
