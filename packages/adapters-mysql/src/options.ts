import { SynapsorError, checkReceiptsSchema, type SqlAdapterOptions } from '@synapsor/core';
import type { DebugLogger } from './errors.js';

/** URLs are `mysql://user:pass@host:port/db` (or `mariadb://`); `receiptsSchema` is a database. */
export type MysqlAdapterOptions = SqlAdapterOptions<DebugLogger>;

/** Connection settings taken from a URL; never logged or put into a message. */
export interface ConnectionTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string | undefined;
}

export function validateOptions(options: MysqlAdapterOptions): void {
  if (!Number.isInteger(options.poolMax) || options.poolMax < 1 || options.poolMax > 1000) {
    throw new SynapsorError('INVALID_POOL_MAX', 'poolMax must be an integer between 1 and 1000');
  }
  if (!Number.isInteger(options.statementTimeoutMs) || options.statementTimeoutMs < 1 || options.statementTimeoutMs > 3_600_000) {
    throw new SynapsorError('INVALID_STATEMENT_TIMEOUT', 'statementTimeoutMs must be an integer between 1 and 3600000');
  }
  checkReceiptsSchema(options.receiptsSchema);
}

/**
 * Resolves the URL in env var `envName`. Unset or empty → `missingCode`; unparsable or not a
 * mysql/mariadb URL → `<role>_URL_INVALID`. Messages name the env var, never its value.
 */
export function resolveTarget(
  env: MysqlAdapterOptions['env'],
  envName: string | undefined,
  missingCode: 'SOURCE_CREDENTIAL_MISSING' | 'WRITER_CREDENTIAL_MISSING',
): ConnectionTarget {
  const invalidCode = missingCode === 'SOURCE_CREDENTIAL_MISSING' ? 'SOURCE_URL_INVALID' : 'WRITER_URL_INVALID';
  const raw = envName === undefined ? undefined : env[envName];
  if (raw === undefined || raw.trim() === '') {
    throw new SynapsorError(missingCode, `env var ${envName ?? '(not configured)'} is not set`);
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SynapsorError(invalidCode, `env var ${envName} does not hold a valid URL`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new SynapsorError(invalidCode, `env var ${envName} must hold a mysql:// or mariadb:// URL`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.hostname === '' || url.username === '' || database.includes('/')) {
    throw new SynapsorError(invalidCode, `env var ${envName} needs a user, a host and at most one database`);
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 3306 : Number(url.port),
    user: decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    database: database === '' ? undefined : database,
  };
}
