export * from './check.js';
export * from './source-adapter.js';
export * from './ledger-store.js';
export * from './writeback-executor.js';
