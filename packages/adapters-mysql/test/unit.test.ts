import { describe, expect, it } from 'vitest';
import { SynapsorError, defaultVisible, suggestColumn, writebackResultHash, hashCanonical } from '@synapsor/core';
import { mysqlGrantsSql, mysqlReceiptsDdl } from '../src/index.js';
import { mapDriverError, redactDriverText } from '../src/errors.js';
import { float32Shortest, normaliseValue } from '../src/normalise.js';
import { readerPrivilegeFindings, problemCategory } from '../src/doctor.js';
import { sessionSetupSql, timeoutAssignment } from '../src/session.js';

const meta = (columnType: number, extra: Partial<{ extendedFormat: string }> = {}) => ({ name: 'c', columnType, characterSet: 63, decimals: 0, extendedFormat: undefined, ...extra });

describe('receipts DDL', () => {
  it('matches the spec columns, qualified or not, InnoDB', () => {
    const ddl = mysqlReceiptsDdl({ schema: 'ops' });
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS `ops`\.`synapsor_writeback_receipts` \(/);
    for (const column of ['`idempotency_key` varchar(255) NOT NULL PRIMARY KEY', '`job_id` varchar(255) NOT NULL UNIQUE', '`proposal_id` varchar(512) NOT NULL', '`status` varchar(64) NOT NULL', '`result_hash` varchar(128) NULL', '`created_at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)', '`completed_at` timestamp(6) NULL']) {
      expect(ddl).toContain(column);
    }
    expect(ddl.endsWith(') ENGINE=InnoDB;\n')).toBe(true);
    expect(mysqlReceiptsDdl()).toMatch(/^CREATE TABLE IF NOT EXISTS `synapsor_writeback_receipts` \(/);
    expect(() => mysqlReceiptsDdl({ schema: 'a`b' })).toThrow(expect.objectContaining({ code: 'UNSAFE_IDENTIFIER' }));
  });
});

describe('grants SQL', () => {
  const targets = [
    {
      schema: 'app',
      table: 'invoices',
      reader_select_columns: ['invoice_id', 'tenant_id', 'status', 'amount_cents', 'updated_at'],
      writer_select_columns: ['invoice_id', 'tenant_id', 'updated_at'],
      writer_update_columns: ['status', 'updated_at'],
    },
  ];
  it('emits least-privilege grants', () => {
    expect(mysqlGrantsSql({ readerRole: 'synapsor_reader', writerRole: 'synapsor_writer@10.0.%', receiptsSchema: 'ops', targets })).toBe(
      [
        '-- reader: SELECT on the reviewed read columns only',
        "GRANT SELECT (`invoice_id`, `tenant_id`, `status`, `amount_cents`, `updated_at`) ON `app`.`invoices` TO 'synapsor_reader';",
        '-- writer: guard columns readable, allowed and bump columns updatable, receipts table',
        "GRANT SELECT (`invoice_id`, `tenant_id`, `updated_at`) ON `app`.`invoices` TO 'synapsor_writer'@'10.0.%';",
        "GRANT UPDATE (`status`, `updated_at`) ON `app`.`invoices` TO 'synapsor_writer'@'10.0.%';",
        "GRANT SELECT, INSERT, UPDATE ON `ops`.`synapsor_writeback_receipts` TO 'synapsor_writer'@'10.0.%';",
        '',
      ].join('\n'),
    );
  });
  it('prints writer rights only without a reader role', () => {
    const text = mysqlGrantsSql({ writerRole: 'w', targets });
    expect(text).not.toContain('reader');
    expect(text).toContain("GRANT UPDATE (`status`, `updated_at`) ON `app`.`invoices` TO 'w';");
  });
  it('refuses unsafe roles and identifiers', () => {
    expect(() => mysqlGrantsSql({ readerRole: "r'; DROP USER x; --", writerRole: 'w', targets })).toThrow(expect.objectContaining({ code: 'INVALID_GRANT_ROLE' }));
    expect(() => mysqlGrantsSql({ readerRole: 'r', writerRole: 'w', targets: [{ ...targets[0]!, table: 'x y' }] })).toThrow(expect.objectContaining({ code: 'UNSAFE_IDENTIFIER' }));
    expect(() => mysqlGrantsSql({ readerRole: 'r', writerRole: 'w', receiptsSchema: 'a.b', targets })).toThrow(expect.objectContaining({ code: 'UNSAFE_IDENTIFIER' }));
  });
});

describe('normalisation helpers', () => {
  it('prints FLOAT as the server does (shortest float32)', () => {
    expect(float32Shortest(Math.fround(1.1))).toBe(1.1);
    expect(float32Shortest(Math.fround(0.3))).toBe(0.3);
    expect(float32Shortest(Math.fround(123456.7))).toBe(123456.7);
    expect(float32Shortest(Math.fround(16777217))).toBe(16777216);
    expect(float32Shortest(Math.fround(3.4e38))).toBe(3.4e38);
  });
  it('BIGINT: safe → number, else string; DOUBLE non-finite → string', () => {
    expect(normaliseValue(meta(8), '-9007199254740991', true)).toBe(-9007199254740991);
    expect(normaliseValue(meta(8), '-9007199254740993', true)).toBe('-9007199254740993');
    expect(normaliseValue(meta(5), Infinity, true)).toBe('Infinity');
  });
  it('binary: visible refused, guard-only hex; geometry refused everywhere', () => {
    expect(() => normaliseValue(meta(252), Buffer.from([1]), true)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_COLUMN_TYPE' }));
    expect(normaliseValue(meta(252), Buffer.from([0xab, 1]), false)).toBe('ab01');
    expect(() => normaliseValue(meta(255), { x: 1, y: 2 }, false)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_COLUMN_TYPE' }));
    expect(() => normaliseValue(meta(252, { extendedFormat: 'json' }), '{bad', true)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_COLUMN_TYPE' }));
  });
});

describe('sessions', () => {
  it('timeouts per flavour', () => {
    expect(timeoutAssignment('mariadb', 1500)).toBe('SESSION max_statement_time = 1.5');
    expect(timeoutAssignment('mysql', 1500)).toBe('SESSION max_execution_time = 1500');
    expect(sessionSetupSql('mariadb', 'reader', 3000)).toEqual(["SET SESSION time_zone = '+00:00', SESSION max_statement_time = 3", 'SET SESSION TRANSACTION READ ONLY']);
    expect(sessionSetupSql('mysql', 'writer', 2500)).toEqual(["SET SESSION time_zone = '+00:00', SESSION max_execution_time = 2500", 'SET SESSION innodb_lock_wait_timeout = 3']);
  });
});

describe('driver error mapping', () => {
  const err = (fields: object) => Object.assign(new Error("Access denied for user 'bob'@'10.1.2.3' (mysql://bob:pw@db:3306/x)"), fields);
  it('maps by errno / code and never keeps driver text', () => {
    const cases: Array<[object, string]> = [
      [{ errno: 1045 }, 'DATABASE_UNAVAILABLE'],
      [{ code: 'ECONNREFUSED' }, 'DATABASE_UNAVAILABLE'],
      [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'DATABASE_UNAVAILABLE'],
      [{ errno: 1969 }, 'STATEMENT_TIMEOUT'],
      [{ errno: 3024 }, 'STATEMENT_TIMEOUT'],
      [{ errno: 1205 }, 'STATEMENT_TIMEOUT'],
      [{ errno: 1146 }, 'INTERNAL'],
      [{ errno: 1142 }, 'INTERNAL'],
    ];
    for (const [fields, code] of cases) {
      const mapped = mapDriverError(err(fields), 'test', undefined);
      expect(mapped).toBeInstanceOf(SynapsorError);
      expect(mapped.code).toBe(code);
      expect(mapped.message).not.toMatch(/bob|10\.1\.2\.3|mysql:|Access denied/);
    }
    expect(mapDriverError(err({ errno: 1213 }), 'test', undefined, 'TRANSACTION_FAILED').code).toBe('TRANSACTION_FAILED');
    const pool = new SynapsorError('POOL_TIMEOUT', 'x');
    expect(mapDriverError(pool, 'test', undefined)).toBe(pool);
  });
  it('debug log text has no URL, account or address', () => {
    const logged: object[] = [];
    mapDriverError(err({ errno: 1045, code: 'ER_ACCESS_DENIED_ERROR' }), 'read', { debug: (obj) => logged.push(obj) });
    expect(JSON.stringify(logged)).not.toMatch(/bob|10\.1\.2\.3|mysql:|pw@/);
    expect(logged[0]).toMatchObject({ context: 'read', errno: 1045, code: 'ER_ACCESS_DENIED_ERROR' });
    expect(redactDriverText("x 'a'@'b' https://h/p 1.2.3.4:99")).toBe('x <account> <url> <address>');
  });
  it('doctor categories', () => {
    expect(problemCategory(err({ errno: 1045 }))).toBe('authentication failed');
    expect(problemCategory(err({ errno: 1142 }))).toBe('permission denied');
    expect(problemCategory(err({ errno: 1146 }))).toBe('configured object not found');
    expect(problemCategory(err({ errno: 1969 }))).toBe('timeout');
    expect(problemCategory(err({ code: 'ECONNREFUSED' }))).toBe('connection failed');
    expect(readerPrivilegeFindings(['GRANT USAGE ON *.* TO `r`@`%` IDENTIFIED BY PASSWORD \'*ABC\'', 'GRANT SELECT ON `app`.* TO `r`@`%`'])).toEqual([]);
    expect(readerPrivilegeFindings(['GRANT FILE ON *.* TO `r`@`%`', 'GRANT SELECT, UPDATE ON `app`.* TO `r`@`%`'])).toEqual(['holds FILE', 'can write or change objects']);
  });
});

describe('shared core helpers (packages/core/src/writeback)', () => {
  it('suggestColumn classifies by name and type', () => {
    expect(suggestColumn({ name: 'tenant_id', type: 'varchar(32)', primaryKey: false })).toEqual(['tenant', 'immutable']);
    expect(suggestColumn({ name: 'updated_at', type: 'timestamp(6)', primaryKey: false })).toEqual(['conflict']);
    expect(suggestColumn({ name: 'ref', type: 'int', primaryKey: true })).toEqual(['immutable']);
    expect(suggestColumn({ name: 'stripeApiKey', type: 'text', primaryKey: false })).toEqual(['sensitive']);
    expect(suggestColumn({ name: 'customer_ssn', type: 'text', primaryKey: false })).toEqual(['sensitive']);
    expect(suggestColumn({ name: 'crossnode', type: 'text', primaryKey: false })).toEqual([]);
    expect(suggestColumn({ name: 'photo', type: 'LONGBLOB', primaryKey: false })).toEqual(['large_binary']);
    expect(suggestColumn({ name: 'digest', type: 'varbinary(32)', primaryKey: false })).toEqual(['large_binary']);
    expect(defaultVisible(['immutable'])).toBe(true);
    expect(defaultVisible(['sensitive'])).toBe(false);
  });
  it('writebackResultHash is the JCS hash of {job_id, status, new_version}', () => {
    expect(writebackResultHash('wbj_x', 'applied', '2')).toBe(hashCanonical({ new_version: '2', status: 'applied', job_id: 'wbj_x' }));
    expect(writebackResultHash('wbj_x', 'applied', null)).not.toBe(writebackResultHash('wbj_x', 'applied', '2'));
  });
});
