import { describe, expect, it } from 'vitest';
import { FORBIDDEN_SQL_KEYS, FORBIDDEN_URL_KEYS } from '@synapsor/core';
import { CAP1, expectError, pathsAndCodes, validateWith } from './helpers.js';

const URL_KEYS = ['url', 'database_url', 'databaseUrl', 'read_url', 'readUrl', 'write_url', 'writeUrl', 'connection_string', 'connectionString'];
const SQL_KEYS = ['sql', 'raw_sql', 'rawSql', 'statement', 'query_sql', 'querySql'];

describe('inline database URLs', () => {
  it('exports exactly the keys of config.md', () => {
    expect([...FORBIDDEN_URL_KEYS].sort()).toEqual([...URL_KEYS].sort());
    expect([...FORBIDDEN_SQL_KEYS].sort()).toEqual([...SQL_KEYS].sort());
  });

  it.each(URL_KEYS)('rejects key %s inside a source', (key) => {
    const result = validateWith((c) => { c.sources.db[key] = 'DB_READ_URL'; });
    expectError(result, `$.sources.db.${key}`, 'INLINE_DATABASE_URL_FORBIDDEN');
    // Reported once, as the specific code, not also as an unknown field.
    expect(result.errors.filter((i) => i.path === `$.sources.db.${key}`)).toHaveLength(1);
  });

  it('rejects a forbidden key at the top level and deep inside a capability', () => {
    expectError(validateWith((c) => { c.database_url = 'x'; }), '$.database_url', 'INLINE_DATABASE_URL_FORBIDDEN');
    expectError(
      validateWith((c) => { c.capabilities[1].approval.connectionString = 'x'; }),
      `${CAP1}.approval.connectionString`,
      'INLINE_DATABASE_URL_FORBIDDEN',
    );
  });

  it.each(['postgres://u:p@h/db', 'postgresql://h/db', 'MySQL://h/db', 'mariadb://h', 'POSTGRES://H'])(
    'rejects the URL value %s at a nested key',
    (value) => {
      const result = validateWith((c) => { c.capabilities[1].description = value; });
      expectError(result, `${CAP1}.description`, 'INLINE_DATABASE_URL_FORBIDDEN');
    },
  );

  it('rejects URL values inside arrays and env-name fields, and never echoes the value', () => {
    const secret = 'postgres://admin:hunter2@db.internal/app';
    const result = validateWith((c) => {
      c.capabilities[0].visible_columns.push(secret);
      c.sources.db.read_url_env = secret;
    });
    expectError(result, '$.capabilities[0].visible_columns[5]', 'INLINE_DATABASE_URL_FORBIDDEN');
    expectError(result, '$.sources.db.read_url_env', 'INLINE_DATABASE_URL_FORBIDDEN');
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('db.internal');
  });

  it('accepts ordinary strings that merely mention a scheme later on', () => {
    const result = validateWith((c) => { c.capabilities[0].description = 'Reads one row (not a postgres:// URL).'; });
    expect(result.errors).toEqual([]);
  });
});

describe('raw SQL', () => {
  it.each(SQL_KEYS)('rejects key %s in a capability', (key) => {
    const result = validateWith((c) => { c.capabilities[0][key] = 'SELECT 1'; });
    expectError(result, `$.capabilities[0].${key}`, 'ARBITRARY_SQL_FORBIDDEN');
  });

  it('rejects sql inside the target', () => {
    expectError(validateWith((c) => { c.capabilities[0].target.sql = 'x'; }), '$.capabilities[0].target.sql', 'ARBITRARY_SQL_FORBIDDEN');
  });
});

describe('always errors', () => {
  it('stays an error with strict: false', () => {
    const result = validateWith((c) => {
      c.strict = false;
      c.sources.db.url = 'x';
      c.capabilities[0].raw_sql = 'x';
    });
    expect(pathsAndCodes(result.errors)).toEqual([
      { path: '$.sources.db.url', code: 'INLINE_DATABASE_URL_FORBIDDEN' },
      { path: '$.capabilities[0].raw_sql', code: 'ARBITRARY_SQL_FORBIDDEN' },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('rejects prototype-polluting keys as map keys', () => {
    const result = validateWith((c) => {
      c.sources = JSON.parse('{"db": {"engine": "postgres", "read_url_env": "R", "write_url_env": "W"}, "__proto__": {"engine": "mysql"}}');
    });
    expectError(result, '$.sources.__proto__', 'RESERVED_KEY_NAME');
  });
});
