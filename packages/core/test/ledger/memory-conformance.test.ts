import { createMemoryLedgerStore, runLedgerStoreConformance } from '@synapsor/core/testing';

runLedgerStoreConformance('memory', async () => createMemoryLedgerStore());
