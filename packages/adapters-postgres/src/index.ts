export { createPostgresAdapter } from './adapter.js';
export type { PostgresAdapterOptions } from './options.js';
export type { DebugLogger } from './logger.js';
export { postgresReceiptsDdl } from './receipts.js';
export { postgresGrantsSql, type PostgresGrantsOptions } from './grants.js';
