// @synapsor/core/testing — in-memory fakes and port conformance suites for other packages' tests.
export * from './testing/memory-ledger.js';
export * from './testing/ledger-conformance.js';
export * from './testing/fake-source.js';
export * from './testing/ledger-fixtures.js';
export * from './testing/read-safe-codes.js';
