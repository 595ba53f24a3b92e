import { afterAll, beforeAll, expect, it } from 'vitest';
import { SynapsorError, canonicalJson } from '@synapsor/core';
import { createManagedPool } from '../src/pool.js';
import { resolveTarget } from '../src/options.js';
import { INVOICES_DDL, INVOICE_ROWS } from './support/invoices.sql.js';
import { type TestDatabase, adapterFor, createTestDatabase, describeMysql, plan } from './support/mysql.js';

const TYPES_DDL = `
CREATE TABLE typed (
  id int PRIMARY KEY, tenant_id varchar(16) NOT NULL,
  flag tinyint(1), small smallint, big_safe bigint, big_huge bigint unsigned, price decimal(20,6),
  ratio float, precise double, label varchar(40), kind enum('a','b'), uid char(36),
  ts timestamp(6) NULL, ts0 timestamp NULL, dt datetime(3), d date, t time(2), y year,
  doc json, payload blob, fingerprint varbinary(8)
) ENGINE=InnoDB`;

const TYPES_ROW = `INSERT INTO typed VALUES (1, 'acme', 1, -7, 9007199254740991, 18446744073709551615, 12345678901234.500000,
  1.1, 0.1, 'café ☕', 'b', '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  '2026-06-20 14:31:08.123456', '2026-06-20 14:31:08', '2026-06-20 14:31:08.120', '2026-06-20', '12:34:56.78', 2026,
  '{"b": [1, 2.5, {"z": null, "a": true}], "a": "x"}', x'00ff10', x'deadbeef')`;

/** Waits (condition, not time) until the server runs a SLEEP() for this database. */
async function untilSleeping(db: TestDatabase): Promise<void> {
  for (;;) {
    const [rows] = (await db.admin.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() AND INFO LIKE '%slow_invoices%'", [db.name])) as unknown as [[{ n: string }]];
    if (Number(rows[0].n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describeMysql('adapters-mysql read path (MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.admin.query(INVOICES_DDL);
    await db.admin.query(INVOICE_ROWS);
    await db.admin.query(TYPES_DDL);
    await db.admin.query(TYPES_ROW);
  });
  afterAll(async () => db?.drop());

  it('reads exactly the scoped row with the spec statement', async () => {
    const adapter = adapterFor(db.url);
    try {
      const p = plan(db.name);
      expect(adapter.readTemplate(p)).toBe(
        `SELECT \`invoice_id\`, \`amount_cents\`, \`status\`, \`tenant_id\`, \`updated_at\` FROM \`${db.name}\`.\`invoices\` WHERE \`invoice_id\` = ? AND \`tenant_id\` = ? LIMIT 2`,
      );
      const result = await adapter.readOne(p);
      expect(result.rows).toEqual([
        { invoice_id: 'INV-1', amount_cents: 5500, status: 'open', tenant_id: 'acme', updated_at: '2026-06-20T14:31:08.123456Z' },
      ]);
      expect(result.duration_ms).toBeGreaterThanOrEqual(0);
      // Another tenant's row is invisible, not an error.
      expect((await adapter.readOne(plan(db.name, { lookup_value: 'INV-9' }))).rows).toEqual([]);
    } finally {
      await adapter.close();
    }
  });

  it('normalises every column type per the spec table', async () => {
    const adapter = adapterFor(db.url);
    const columns = ['id', 'tenant_id', 'flag', 'small', 'big_safe', 'big_huge', 'price', 'ratio', 'precise', 'label', 'kind', 'uid', 'ts', 'ts0', 'dt', 'd', 't', 'y', 'doc', 'fingerprint'];
    try {
      const typed = plan(db.name, { table: 'typed', columns, visible_columns: columns.filter((c) => c !== 'fingerprint'), primary_key: 'id', lookup_value: 1 });
      const [row] = (await adapter.readOne(typed)).rows;
      expect(row).toEqual({
        id: 1,
        tenant_id: 'acme',
        flag: 1, // TINYINT(1) stays a number
        small: -7,
        big_safe: 9007199254740991,
        big_huge: '18446744073709551615',
        price: '12345678901234.500000',
        ratio: 1.1,
        precise: 0.1,
        label: 'café ☕',
        kind: 'b',
        uid: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
        ts: '2026-06-20T14:31:08.123456Z',
        ts0: '2026-06-20T14:31:08Z',
        dt: '2026-06-20T14:31:08.120',
        d: '2026-06-20',
        t: '12:34:56.78',
        y: 2026,
        doc: canonicalJson({ a: 'x', b: [1, 2.5, { a: true, z: null }] }),
        fingerprint: 'deadbeef', // guard-only binary → hex
      });
      // A NULL is null whatever the type.
      await db.admin.query("INSERT INTO typed (id, tenant_id) VALUES (2, 'acme')");
      const [empty] = (await adapter.readOne({ ...typed, lookup_value: 2 })).rows;
      expect(Object.entries(empty!).filter(([k]) => k !== 'id' && k !== 'tenant_id').every(([, v]) => v === null)).toBe(true);
    } finally {
      await adapter.close();
    }
  });

  it('refuses a visible binary column with UNSUPPORTED_COLUMN_TYPE', async () => {
    const adapter = adapterFor(db.url);
    try {
      const typed = plan(db.name, { table: 'typed', columns: ['id', 'payload', 'tenant_id'], visible_columns: ['id', 'payload'], primary_key: 'id', lookup_value: 1 });
      await expect(adapter.readOne(typed)).rejects.toMatchObject({ code: 'UNSUPPORTED_COLUMN_TYPE' });
    } finally {
      await adapter.close();
    }
  });

  it('binds injection strings as values: 0 rows, table intact', async () => {
    const adapter = adapterFor(db.url);
    try {
      for (const attack of ["' OR 1=1 --", "INV-1' OR '1'='1", '1; DROP TABLE invoices', 'INV-1\u2019 OR \u20181\u2019=\u20181', "\\' OR 1=1 #", 'INV-1\0']) {
        expect((await adapter.readOne(plan(db.name, { lookup_value: attack }))).rows).toEqual([]);
        expect((await adapter.readOne(plan(db.name, { tenant_value: attack }))).rows).toEqual([]);
      }
      const [[count]] = (await db.admin.query('SELECT COUNT(*) AS n FROM invoices')) as unknown as [[{ n: string }]];
      expect(Number(count.n)).toBe(3);
    } finally {
      await adapter.close();
    }
  });

  it('refuses an identifier outside the rule before any SQL or pool exists', async () => {
    // No read URL at all: if SQL were attempted the error would be SOURCE_CREDENTIAL_MISSING.
    const noEnv = adapterFor(db.url, { env: {} });
    const bad = ['invoices; DROP TABLE invoices', 'in`voices', 'invoices--', 'tаble' /* Cyrillic а */, 'a.b', ''];
    for (const name of bad) {
      await expect(noEnv.readOne(plan(db.name, { table: name }))).rejects.toMatchObject({ code: 'UNSAFE_IDENTIFIER' });
      await expect(noEnv.readOne(plan(db.name, { columns: ['invoice_id', name, 'status', 'amount_cents'] }))).rejects.toMatchObject({ code: 'UNSAFE_IDENTIFIER' });
      expect(() => noEnv.readTemplate(plan(name))).toThrow(SynapsorError);
    }
    await expect(noEnv.readOne(plan(db.name, { tenant_key: 'tenant_id OR 1=1' }))).rejects.toMatchObject({ code: 'UNSAFE_IDENTIFIER' });
    await expect(noEnv.readOne(plan(db.name))).rejects.toMatchObject({ code: 'SOURCE_CREDENTIAL_MISSING' });
    await noEnv.close();
    const [[count]] = (await db.admin.query('SELECT COUNT(*) AS n FROM invoices')) as unknown as [[{ n: string }]];
    expect(Number(count.n)).toBe(3);
  });

  it('refuses malformed plans with READ_PLAN_INVALID', async () => {
    const adapter = adapterFor(db.url, { env: {} });
    const cases = [
      plan(db.name, { engine: 'postgres' }),
      plan(db.name, { visible_columns: ['invoice_id', 'not_read'] }),
      plan(db.name, { columns: ['invoice_id', 'status', 'amount_cents'] }), // tenant key not read
      plan(db.name, { limit: 3 as 2 }),
      plan(db.name, { lookup_value: { id: 1 } as unknown as string }),
      plan(db.name, { tenant_value: null }),
      plan(db.name, { statement_timeout_ms: 0 }),
    ];
    for (const bad of cases) await expect(adapter.readOne(bad)).rejects.toMatchObject({ code: 'READ_PLAN_INVALID' });
    await adapter.close();
  });

  it('a data-changing statement through the read pool fails (read-only session)', async () => {
    const pool = createManagedPool({ target: resolveTarget({ U: db.url }, 'U', 'SOURCE_CREDENTIAL_MISSING'), role: 'reader', connectionLimit: 1, statementTimeoutMs: 5000, ssl: undefined });
    try {
      await expect(pool.db.insertInto('invoices').values({ invoice_id: 'X', tenant_id: 'acme', amount_cents: 1, status: 'x' }).execute()).rejects.toMatchObject({ errno: 1792 });
      await expect(pool.db.updateTable('invoices').set({ status: 'hacked' }).where('invoice_id', '=', 'INV-1').execute()).rejects.toMatchObject({ errno: 1792 });
      const [[row]] = (await db.admin.query("SELECT status FROM invoices WHERE invoice_id = 'INV-1' AND tenant_id = 'acme'")) as unknown as [[{ status: string }]];
      expect(row.status).toBe('open');
    } finally {
      await pool.close();
    }
  });

  it('returns TIMESTAMP in UTC whatever the writer session time zone was', async () => {
    await db.admin.query("CREATE TABLE zoned (id int PRIMARY KEY, tenant_id varchar(8), ts timestamp(6) NULL, dt datetime(6) NULL)");
    await db.admin.query("SET time_zone = '+05:30'");
    await db.admin.query("INSERT INTO zoned VALUES (1, 'acme', '2026-01-01 05:30:00.000001', '2026-01-01 05:30:00.000001')");
    await db.admin.query("SET time_zone = '-08:00'");
    await db.admin.query("INSERT INTO zoned VALUES (2, 'acme', '2025-12-31 23:59:59.999999', '2025-12-31 23:59:59.999999')");
    await db.admin.query("SET time_zone = '+00:00'");
    const adapter = adapterFor(db.url);
    try {
      const zoned = plan(db.name, { table: 'zoned', columns: ['id', 'ts', 'dt', 'tenant_id'], visible_columns: ['id', 'ts', 'dt'], primary_key: 'id', lookup_value: 1 });
      expect((await adapter.readOne(zoned)).rows[0]).toMatchObject({ ts: '2026-01-01T00:00:00.000001Z', dt: '2026-01-01T05:30:00.000001' });
      expect((await adapter.readOne({ ...zoned, lookup_value: 2 })).rows[0]).toMatchObject({ ts: '2026-01-01T07:59:59.999999Z', dt: '2025-12-31T23:59:59.999999' });
    } finally {
      await adapter.close();
    }
  });

  it('maps a statement over its timeout to STATEMENT_TIMEOUT and a busy pool to POOL_TIMEOUT', async () => {
    await db.admin.query('CREATE VIEW slow_invoices AS SELECT invoice_id, tenant_id, status, SLEEP(1) AS slept FROM invoices');
    const adapter = adapterFor(db.url, { poolMax: 1, statementTimeoutMs: 300 });
    const slow = plan(db.name, { table: 'slow_invoices', columns: ['invoice_id', 'status', 'slept', 'tenant_id'], visible_columns: ['invoice_id', 'status'], statement_timeout_ms: 300 });
    try {
      await expect(adapter.readOne(slow)).rejects.toMatchObject({ code: 'STATEMENT_TIMEOUT' });
      // The only connection is busy for ~1 s; a second read waits longer than 300 ms.
      const holding = adapter.readOne({ ...slow, statement_timeout_ms: 5000 });
      await untilSleeping(db);
      await expect(adapter.readOne(plan(db.name, { statement_timeout_ms: 300 }))).rejects.toMatchObject({ code: 'POOL_TIMEOUT' });
      expect((await holding).rows).toHaveLength(1);
      // The connection went back with the pool's timeout restored.
      await expect(adapter.readOne(slow)).rejects.toMatchObject({ code: 'STATEMENT_TIMEOUT' });
      expect((await adapter.readOne(plan(db.name, { statement_timeout_ms: 300 }))).rows).toHaveLength(1);
    } finally {
      await adapter.close();
    }
  });

  it('maps missing objects and privileges to INTERNAL without driver text', async () => {
    const adapter = adapterFor(db.url);
    const messages: string[] = [];
    const logged = adapterFor(db.url, { logger: { debug: (obj, msg) => messages.push(JSON.stringify(obj) + msg) } });
    try {
      const missing = plan(db.name, { table: 'no_such_table' });
      const error = await adapter.readOne(missing).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INTERNAL' });
      expect((error as Error).message).not.toMatch(/no_such_table|doesn't exist|127\.0\.0\.1|root/);
      await expect(logged.readOne(plan(db.name, { columns: ['invoice_id', 'nope', 'status', 'amount_cents', 'tenant_id'] }))).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(messages.join('\n')).toMatch(/1054/);
      expect(messages.join('\n')).not.toMatch(/mysql:\/\//);
    } finally {
      await adapter.close();
      await logged.close();
    }
  });
});
