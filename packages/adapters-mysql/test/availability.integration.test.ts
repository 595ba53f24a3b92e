import { afterAll, beforeAll, expect, it } from 'vitest';
import { INVOICES_DDL, INVOICE_ROWS } from './support/invoices.sql.js';
import { type TestDatabase, TEST_URL, adapterFor, createTestDatabase, describeMysql, job, plan } from './support/mysql.js';
import { TcpProxy } from './support/proxy.js';

describeMysql('adapters-mysql availability (MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.admin.query(INVOICES_DDL);
    await db.admin.query(INVOICE_ROWS);
  });
  afterAll(async () => db?.drop());

  it('server gone → DATABASE_UNAVAILABLE (read and write), then the pool recovers', async () => {
    const upstream = new URL(TEST_URL);
    const proxy = new TcpProxy(upstream.hostname, Number(upstream.port || 3306));
    await proxy.start();
    const url = new URL(db.url);
    url.port = String(proxy.port);
    const messages: string[] = [];
    const adapter = adapterFor(url.toString(), { logger: { debug: (obj, msg) => messages.push(`${JSON.stringify(obj)} ${msg}`) } });
    try {
      expect((await adapter.readOne(plan(db.name))).rows).toHaveLength(1);
      await proxy.stop();
      const error = await adapter.readOne(plan(db.name)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect((error as Error).message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|root|mysql:/);
      const write = await adapter.applyGuardedUpdate(job(db.name), { dryRun: false });
      expect(write).toMatchObject({ status: 'failed', safe_error_code: 'DATABASE_UNAVAILABLE', source_database_mutated: false });
      await proxy.start();
      expect((await adapter.readOne(plan(db.name))).rows).toHaveLength(1);
      expect(messages.join('\n')).not.toMatch(/mysql:\/\/|127\.0\.0\.1/);
    } finally {
      await adapter.close();
      await proxy.stop();
    }
  });

  it('a closed port is DATABASE_UNAVAILABLE', async () => {
    const proxy = new TcpProxy('127.0.0.1', 1);
    await proxy.start();
    const port = proxy.port;
    await proxy.stop(); // the port is now closed
    const url = new URL(db.url);
    url.port = String(port);
    const adapter = adapterFor(url.toString());
    try {
      await expect(adapter.readOne(plan(db.name))).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      await expect(adapter.inspect({ schemas: [db.name] })).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await adapter.close();
    }
  });

  it('KILL of the pooled connection: the pool replaces it', async () => {
    const adapter = adapterFor(db.url, { poolMax: 1 });
    try {
      expect((await adapter.readOne(plan(db.name))).rows).toHaveLength(1);
      const [victims] = (await db.admin.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [db.name])) as unknown as [Array<{ id: string }>];
      expect(victims.length).toBe(1);
      await db.admin.query(`KILL CONNECTION ${Number(victims[0]!.id)}`);
      // The killed connection may still be handed out once; that call fails safely.
      const next = await adapter.readOne(plan(db.name)).catch((e: unknown) => e);
      if (!('rows' in (next as object))) expect(next).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect((await adapter.readOne(plan(db.name))).rows).toHaveLength(1);
    } finally {
      await adapter.close();
    }
  });

  it('missing env vars and bad URLs have specific codes', async () => {
    await expect(adapterFor(db.url, { env: {} }).readOne(plan(db.name))).rejects.toMatchObject({ code: 'SOURCE_CREDENTIAL_MISSING' });
    await expect(adapterFor(db.url, { env: { TEST_READ_URL: '  ' } }).readOne(plan(db.name))).rejects.toMatchObject({ code: 'SOURCE_CREDENTIAL_MISSING' });
    await expect(adapterFor(db.url, { env: { TEST_READ_URL: 'not a url' } }).readOne(plan(db.name))).rejects.toMatchObject({ code: 'SOURCE_URL_INVALID' });
    await expect(adapterFor(db.url, { env: { TEST_READ_URL: 'postgres://u@h/db' } }).readOne(plan(db.name))).rejects.toMatchObject({ code: 'SOURCE_URL_INVALID' });
    await expect(adapterFor(db.url, { env: { TEST_READ_URL: db.url } }).applyGuardedUpdate(job(db.name), { dryRun: false })).rejects.toMatchObject({ code: 'WRITER_CREDENTIAL_MISSING' });
    await expect(adapterFor(db.url, { writeUrlEnv: undefined }).applyGuardedUpdate(job(db.name), { dryRun: false })).rejects.toMatchObject({ code: 'WRITER_CREDENTIAL_MISSING' });
    await expect(adapterFor(db.url, { env: { TEST_READ_URL: db.url, TEST_WRITE_URL: 'mysql://nohost' } }).applyGuardedUpdate(job(db.name), { dryRun: false })).rejects.toMatchObject({ code: 'WRITER_URL_INVALID' });
    const error = await adapterFor(db.url, { env: { TEST_READ_URL: 'mysql://u:s3cr3t@h:1/x y' } }).readOne(plan(db.name)).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('s3cr3t');
  });

  it('rejects bad options at construction with specific codes', () => {
    expect(() => adapterFor(db.url, { poolMax: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_POOL_MAX' }));
    expect(() => adapterFor(db.url, { statementTimeoutMs: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_STATEMENT_TIMEOUT' }));
    expect(() => adapterFor(db.url, { receiptsSchema: 'x`; DROP' })).toThrow(expect.objectContaining({ code: 'INVALID_RECEIPTS_SCHEMA' }));
  });

  it('a closed adapter refuses work with ADAPTER_CLOSED', async () => {
    const adapter = adapterFor(db.url);
    expect((await adapter.readOne(plan(db.name))).rows).toHaveLength(1);
    await adapter.close();
    await expect(adapter.readOne(plan(db.name))).rejects.toMatchObject({ code: 'ADAPTER_CLOSED' });
  });
});
