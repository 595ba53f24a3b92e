import { describe, expect, it } from 'vitest';
import { poolConfig } from '../src/connection.js';
import { checkOptions } from '../src/options.js';
import { createPostgresAdapter } from '../src/index.js';

const base = { role: 'reader' as const, url: 'postgres://r@db:5432/app', max: 3, statementTimeoutMs: 1234 };

describe('pool configuration', () => {
  it('makes reader sessions read-only, UTC, with the statement timeout as startup options', () => {
    const config = poolConfig(base);
    expect(config.options).toBe(
      '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c bytea_output=hex -c extra_float_digits=1 -c default_transaction_read_only=on -c statement_timeout=1234',
    );
    expect(config).toMatchObject({ max: 3, connectionTimeoutMillis: 1234, allowExitOnIdle: true });
  });

  it('keeps writer sessions writable (the transaction sets its own timeout)', () => {
    const config = poolConfig({ ...base, role: 'writer' });
    expect(config.options).not.toContain('read_only');
    expect(config.options).toContain('TimeZone=UTC');
  });

  it('lets our settings override anything the URL tries to set', () => {
    const config = poolConfig({ ...base, url: 'postgres://r@db/app?options=-c%20search_path%3Dapp%20-c%20default_transaction_read_only%3Doff&statement_timeout=0&sslmode=disable' });
    expect(config.connectionString).not.toMatch(/options|statement_timeout/);
    expect(config.options?.startsWith('-c search_path=app -c default_transaction_read_only=off')).toBe(true);
    expect(config.options?.endsWith('-c default_transaction_read_only=on -c statement_timeout=1234')).toBe(true);
    expect(config.connectionString).toContain('sslmode=disable');
  });

  it('lets explicit TLS options replace the URL ssl settings', () => {
    const config = poolConfig({ ...base, url: 'postgres://r@db/app?sslmode=disable', ssl: { ca: 'PEM' } });
    expect(config.connectionString).not.toContain('sslmode');
    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: 'PEM' });
  });

  it.each(['mysql://r@db/app', 'not a url', 'host=db user=r'])('refuses %j with SOURCE_URL_INVALID and no echo', (url) => {
    expect(() => poolConfig({ ...base, url })).toThrow(expect.objectContaining({ code: 'SOURCE_URL_INVALID', message: expect.not.stringContaining(url) }));
  });
});

describe('adapter options', () => {
  const options = { sourceId: 's', readUrlEnv: 'R', statementTimeoutMs: 5000, poolMax: 10, env: {} };

  it.each([
    [{ statementTimeoutMs: 0 }, 'INVALID_TIMEOUT'],
    [{ statementTimeoutMs: 1.5 }, 'INVALID_TIMEOUT'],
    [{ statementTimeoutMs: 600_001 }, 'INVALID_TIMEOUT'],
    [{ poolMax: 0 }, 'INVALID_POOL_MAX'],
    [{ poolMax: 101 }, 'INVALID_POOL_MAX'],
    [{ receiptsSchema: 'a.b' }, 'INVALID_RECEIPTS_SCHEMA'],
    [{ readUrlEnv: '' }, 'INVALID_SOURCE'],
    [{ sourceId: '' }, 'INVALID_SOURCE'],
  ])('refuses %j', (overrides, code) => {
    expect(() => checkOptions({ ...options, ...overrides })).toThrow(expect.objectContaining({ code }));
  });

  it('connects to nothing until used, and refuses use after close', async () => {
    const adapter = createPostgresAdapter({ ...options, env: { R: 'postgres://x@127.0.0.1:1/none' } });
    await adapter.close();
    await expect(adapter.readOne({
      source_id: 's', engine: 'postgres', schema: 'a', table: 'b', columns: ['id'], visible_columns: ['id'], primary_key: 'id',
      lookup_value: 1, tenant_key: null, tenant_value: null, limit: 2, statement_timeout_ms: 5000,
    })).rejects.toMatchObject({ code: 'ADAPTER_CLOSED' });
  });
});
