import { describe } from 'vitest';
import { approvalConformance } from './conformance/approval.js';
import { lifecycleConformance } from './conformance/lifecycle.js';
import { recordConformance } from './conformance/records.js';
import { searchConformance } from './conformance/search.js';
import type { StoreFactory } from './conformance/support.js';
import { writebackConformance } from './conformance/writeback.js';

export type { StoreFactory } from './conformance/support.js';

/**
 * The `LedgerStore` conformance suite (vitest). Every store implementation runs it with a
 * factory returning a fresh, empty store; each test closes the store it opened.
 */
export function runLedgerStoreConformance(name: string, factory: StoreFactory): void {
  describe(`LedgerStore conformance: ${name}`, () => {
    recordConformance(factory);
    approvalConformance(factory);
    writebackConformance(factory);
    searchConformance(factory);
    lifecycleConformance(factory);
  });
}
