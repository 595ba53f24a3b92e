import type pg from 'pg';
import { SynapsorError } from '@synapsor/core';
import { rawTextTypes } from './normalise.js';

export type PoolRole = 'reader' | 'writer';

export interface ConnectionSettings {
  role: PoolRole;
  url: string;
  max: number;
  /** Pool wait limit; also the reader's per-session statement_timeout. */
  statementTimeoutMs: number;
  ssl?: { rejectUnauthorized?: boolean; ca?: string };
}

// URL query keys pg turns into session settings; ours must win, so they are taken out of the URL.
const SESSION_KEYS = ['options', 'statement_timeout', 'query_timeout', 'idle_in_transaction_session_timeout'];
const SSL_KEYS = ['ssl', 'sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'sslpassword', 'uselibpqcompat'];

/**
 * Startup `options` (`-c name=value`): sent once per connection, so a read costs one round trip.
 * Later `-c` flags override earlier ones, so ours go after any the URL carried.
 */
function startupOptions(role: PoolRole, statementTimeoutMs: number, fromUrl: string | null): string {
  const ours = ['TimeZone=UTC', 'DateStyle=ISO', 'IntervalStyle=postgres', 'bytea_output=hex', 'extra_float_digits=1'];
  if (role === 'reader') ours.push('default_transaction_read_only=on', `statement_timeout=${statementTimeoutMs}`);
  return [fromUrl ?? '', ...ours.map((setting) => `-c ${setting}`)].join(' ').trim();
}

/**
 * pg pool config for one role. Only `postgres://` / `postgresql://` URLs are accepted
 * (`SOURCE_URL_INVALID`), so session settings cannot slip in through a URL form we do not parse.
 */
export function poolConfig(settings: ConnectionSettings): pg.PoolConfig {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new SynapsorError('SOURCE_URL_INVALID', `the ${settings.role} URL is not a postgres:// URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new SynapsorError('SOURCE_URL_INVALID', `the ${settings.role} URL is not a postgres:// URL`);
  }
  const urlOptions = url.searchParams.get('options');
  for (const key of SESSION_KEYS) url.searchParams.delete(key);
  // Explicit TLS options replace whatever the URL says, so a URL cannot weaken them.
  if (settings.ssl !== undefined) for (const key of SSL_KEYS) url.searchParams.delete(key);
  return {
    connectionString: url.toString(),
    options: startupOptions(settings.role, settings.statementTimeoutMs, urlOptions),
    application_name: `synapsor-runner-${settings.role}`,
    max: settings.max,
    connectionTimeoutMillis: settings.statementTimeoutMs,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    keepAlive: true,
    types: rawTextTypes,
    ...(settings.ssl === undefined
      ? {}
      : {
          ssl: {
            rejectUnauthorized: settings.ssl.rejectUnauthorized ?? true,
            ...(settings.ssl.ca === undefined ? {} : { ca: settings.ssl.ca }),
          },
        }),
  };
}
