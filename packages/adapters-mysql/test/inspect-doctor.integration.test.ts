import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { INVOICES_DDL, INVOICE_ROWS } from './support/invoices.sql.js';
import { type TestDatabase, adapterFor, createTestDatabase, describeMysql, urlFor } from './support/mysql.js';

describeMysql('adapters-mysql inspect and doctor (MariaDB)', () => {
  let db: TestDatabase;
  const reader = { name: `syn_r_${randomBytes(4).toString('hex')}`, password: randomBytes(8).toString('hex') };

  const snapshot = async (): Promise<string> => {
    const [rows] = await db.admin.query('SELECT * FROM invoices ORDER BY invoice_id, tenant_id');
    const [writes] = await db.admin.query('SELECT COUNT(*) AS n FROM invoice_writes');
    return JSON.stringify([rows, writes]);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.admin.query(INVOICES_DDL);
    await db.admin.query(INVOICE_ROWS);
    await db.admin.query(`CREATE TABLE customers (
      id bigint PRIMARY KEY, tenant_id varchar(32) NOT NULL, email varchar(200) NOT NULL UNIQUE,
      password_hash varchar(100), api_key varchar(64), avatar blob, prefs json, created_at datetime(6) NOT NULL,
      full_name varchar(200) AS (concat(email, '!')) VIRTUAL, INDEX by_tenant (tenant_id, created_at))`);
    await db.admin.query(`CREATE TABLE notes (id int PRIMARY KEY, customer_id bigint NOT NULL, body text, CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id))`);
    await db.admin.query('CREATE VIEW open_invoices AS SELECT invoice_id, tenant_id FROM invoices WHERE status = \'open\'');
    await db.admin.query(`CREATE USER '${reader.name}'@'%' IDENTIFIED BY '${reader.password}'`);
    await db.admin.query(`GRANT SELECT ON \`${db.name}\`.* TO '${reader.name}'@'%'`);
  });
  afterAll(async () => {
    await db?.admin.query(`DROP USER IF EXISTS '${reader.name}'@'%'`);
    await db?.drop();
  });

  it('inspect: tables, views, columns, keys, indexes and suggestions — metadata only', async () => {
    const adapter = adapterFor(db.url);
    try {
      const inspection = await adapter.inspect({ schemas: [db.name] });
      expect(inspection.engine).toBe('mysql');
      expect(inspection.schemas).toEqual([db.name]);
      expect(inspection.tables.map((t) => [t.name, t.type])).toEqual([
        ['customers', 'table'], ['invoice_writes', 'table'], ['invoices', 'table'], ['notes', 'table'], ['open_invoices', 'view'],
      ]);
      const customers = inspection.tables.find((t) => t.name === 'customers')!;
      expect(customers.primary_key).toEqual(['id']);
      expect(customers.unique_constraints).toEqual([['email']]);
      expect(customers.indexes).toEqual(expect.arrayContaining([{ name: 'by_tenant', columns: ['tenant_id', 'created_at'], unique: false }, { name: 'PRIMARY', columns: ['id'], unique: true }]));
      const col = (name: string) => customers.columns.find((c) => c.name === name)!;
      expect(col('id')).toMatchObject({ type: 'bigint(20)', nullable: false, generated: false, suggestions: ['immutable'] });
      expect(col('tenant_id').suggestions).toEqual(['tenant', 'immutable']);
      expect(col('password_hash').suggestions).toEqual(['sensitive']);
      expect(col('api_key').suggestions).toEqual(['sensitive']);
      expect(col('avatar')).toMatchObject({ type: 'blob', nullable: true, default: null, suggestions: ['large_binary'] });
      expect(col('prefs')).toMatchObject({ type: 'json', suggestions: ['large_binary'] });
      expect(col('created_at').suggestions).toEqual(['immutable']);
      expect(col('full_name').generated).toBe(true);
      expect(col('email').suggestions).toEqual([]);
      const invoices = inspection.tables.find((t) => t.name === 'invoices')!;
      expect(invoices.primary_key).toEqual(['invoice_id', 'tenant_id']);
      expect(invoices.columns.find((c) => c.name === 'updated_at')).toMatchObject({ suggestions: ['conflict'], default: 'current_timestamp(6)' });
      expect(inspection.tables.find((t) => t.name === 'notes')!.foreign_keys).toEqual([{ columns: ['customer_id'], references: { schema: db.name, table: 'customers', columns: ['id'] } }]);
      // Never row data.
      expect(JSON.stringify(inspection)).not.toMatch(/INV-1|acme|5500/);
      // Default schema = the URL's database.
      expect((await adapter.inspect({})).schemas).toEqual([db.name]);
      await expect(adapter.inspect({ schemas: ['bad name'] })).rejects.toMatchObject({ code: 'UNSAFE_IDENTIFIER' });
    } finally {
      await adapter.close();
    }
  });

  it('inspect without a schema and without a URL database → INSPECT_SCHEMA_REQUIRED', async () => {
    const adapter = adapterFor(urlFor(''));
    try {
      await expect(adapter.inspect({})).rejects.toMatchObject({ code: 'INSPECT_SCHEMA_REQUIRED' });
    } finally {
      await adapter.close();
    }
  });

  it('doctor: all probes pass for a healthy setup and never change a row', async () => {
    const readerUrl = urlFor(db.name, reader);
    const adapter = adapterFor(db.url, { env: { TEST_READ_URL: readerUrl, TEST_WRITE_URL: db.url } });
    const before = await snapshot();
    try {
      await adapter.applyGuardedUpdate({ ...(await import('./support/mysql.js')).job(db.name), conflict_guard: { kind: 'column', column: 'row_version', expected_value: -1, bump: null } }, { dryRun: false });
      const afterSetup = await snapshot();
      expect(afterSetup).toBe(before);
      const checks = await adapter.doctor([
        { kind: 'reader' },
        { kind: 'writer' },
        { kind: 'receipts_table' },
        { kind: 'writable_column', schema: db.name, table: 'invoices', column: 'status' },
        { kind: 'writable_column', schema: db.name, table: 'invoices', column: 'row_version' },
        { kind: 'target_object', schema: db.name, table: 'invoices', columns: ['invoice_id', 'status'], must_be_table: true },
      ]);
      expect(checks.map((c) => [c.id, c.status])).toEqual([
        ['reader_connection', 'pass'], ['reader_privileges', 'pass'], ['writer_connection', 'pass'], ['receipts_table', 'pass'],
        ['writeback_probe', 'pass'], ['writeback_probe', 'pass'], ['target_objects', 'pass'], ['columns', 'pass'],
      ]);
      expect(await snapshot()).toBe(before);
    } finally {
      await adapter.close();
    }
  });

  it('doctor: failures and warnings use safe categories, never secrets or hosts', async () => {
    const badPassword = urlFor(db.name, { name: reader.name, password: 'wrong-secret-value' });
    const adapter = adapterFor(db.url, { env: { TEST_READ_URL: db.url, TEST_WRITE_URL: badPassword }, receiptsSchema: `${db.name}_none` });
    try {
      const checks = await adapter.doctor([
        { kind: 'reader' },
        { kind: 'writer' },
        { kind: 'target_object', schema: db.name, table: 'open_invoices', columns: ['invoice_id'], must_be_table: true },
        { kind: 'target_object', schema: db.name, table: 'invoices', columns: ['invoice_id', 'nope'], must_be_table: true },
        { kind: 'target_object', schema: db.name, table: 'missing', columns: [], must_be_table: false },
      ]);
      expect(checks.map((c) => [c.id, c.status])).toEqual([
        ['reader_connection', 'pass'], ['reader_privileges', 'warn'], ['writer_connection', 'fail'],
        ['target_objects', 'fail'], ['target_objects', 'pass'], ['columns', 'fail'], ['target_objects', 'fail'],
      ]);
      expect(checks[1]!.message).toMatch(/superuser/);
      expect(checks[2]!.message).toBe('authentication failed');
      expect(checks[5]!.message).toContain('nope');
      const text = JSON.stringify(checks);
      expect(text).not.toMatch(/wrong-secret-value|127\.0\.0\.1|mysql:\/\/|Access denied/);
      const readOnlyWriter = adapterFor(db.url, { env: { TEST_READ_URL: db.url, TEST_WRITE_URL: urlFor(db.name, reader) } });
      const [probe, receipts] = await readOnlyWriter.doctor([{ kind: 'writable_column', schema: db.name, table: 'invoices', column: 'status' }, { kind: 'receipts_table' }]);
      expect(probe).toMatchObject({ id: 'writeback_probe', status: 'fail', message: 'permission denied' });
      expect(receipts).toMatchObject({ id: 'receipts_table', status: 'pass' });
      await readOnlyWriter.close();
      const noReceipts = adapterFor(db.url, { receiptsSchema: `${db.name}_none` });
      expect(await noReceipts.doctor([{ kind: 'receipts_table' }])).toMatchObject([{ id: 'receipts_table', status: 'fail', message: 'configured object not found' }]);
      await noReceipts.close();
    } finally {
      await adapter.close();
    }
  });
});
