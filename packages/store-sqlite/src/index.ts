export { openSqliteStore, type OpenSqliteStoreOptions, type SqliteLedgerStore } from './store.js';
export { resetSqliteStore, storeBytes } from './files.js';
export { SCHEMA_VERSION } from './schema/migrations.js';
export {
  acquireLease,
  readLease,
  releaseLease,
  isLeaseLive,
  leasePath,
  assertNoLiveLease,
  type StoreLease,
  type LeaseTransport,
  type AcquireLeaseOptions,
  type AcquiredLease,
} from './lease.js';
