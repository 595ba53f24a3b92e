export { createMysqlAdapter } from './adapter.js';
export type { MysqlAdapterOptions } from './options.js';
export { mysqlReceiptsDdl } from './receipts.js';
export { mysqlGrantsSql, type MysqlGrantsOptions } from './grants.js';
