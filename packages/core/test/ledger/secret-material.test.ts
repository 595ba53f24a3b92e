import { describe, expect, it } from 'vitest';
import { assertNoSecretMaterial, findSecretMaterial, maskSecretText } from '@synapsor/core';

const SECRET_KEYS = [
  'password', 'PASSWORD', 'db_password', 'password-hint', 'passwd', 'secret', 'client_secret', 'token', 'auth_token',
  'apikey', 'api_key', 'api-key', 'accesskey', 'access_key', 'access-key', 'privatekey', 'private_key', 'private-key',
  'cookie', 'session_cookie', 'credential', 'connection_string', 'connectionstring', 'connection-string',
  'database_url', 'databaseurl', 'read_url', 'readurl', 'write_url', 'write-url',
];
const SAFE_KEYS = ['passwords_rotated_at_x', 'tokens', 'secretary', 'cookies', 'credentials', 'url', 'id', 'tokenizer', 'keyboard'];

const SECRET_VALUES = [
  'postgres://u:p@h/db', 'see POSTGRESQL://h/db', 'mysql://root@h', 'MariaDB://h/x', 'Bearer abcdefgh',
  'bearer 12345678', 'syn_wbr_abc123', '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----',
  'eyJhbGciOi.eyJzdWIiOi.sig',
];
const SAFE_VALUES = ['postgres', 'Bearer short', 'Bearer', 'syn_wbr_', 'BEGIN PUBLIC KEY', 'eyJabc.eyJdef.', 'https://example.com'];

describe('secret-material guard', () => {
  it.each(SECRET_KEYS)('rejects key %s and names its path', (key) => {
    expect(findSecretMaterial({ row: { [key]: 1 } }, 'evidence')).toEqual({
      path: /^[A-Za-z_$][\w$]*$/.test(key) ? `evidence.row.${key}` : `evidence.row[${JSON.stringify(key)}]`,
    });
  });

  it.each(SAFE_KEYS)('accepts key %s', (key) => {
    expect(findSecretMaterial({ [key]: 'value' })).toBeNull();
  });

  it.each(SECRET_VALUES)('rejects value %s without echoing it', (value) => {
    expect(findSecretMaterial({ list: ['ok', { note: value }] }, 'receipt')).toEqual({ path: 'receipt.list[1].note' });
    let message = '';
    try {
      assertNoSecretMaterial({ note: value }, 'receipt');
    } catch (error) {
      expect((error as { code: string }).code).toBe('SECRET_MATERIAL_REJECTED');
      message = (error as Error).message;
    }
    expect(message).toContain('receipt.note');
    expect(message).not.toContain(value);
  });

  it.each(SAFE_VALUES)('accepts value %s', (value) => {
    expect(findSecretMaterial({ note: value })).toBeNull();
  });

  it('reports the first offending path in document order and survives deep nesting', () => {
    expect(findSecretMaterial({ a: { b: 'mysql://x' }, c: { token: 1 } })).toEqual({ path: '$.a.b' });
    let deep: unknown = 'Bearer abcdefghij';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    expect(findSecretMaterial(deep)?.path.startsWith('$[0][0]')).toBe(true);
  });

  it.each(SECRET_VALUES)('maskSecretText leaves nothing the guard rejects in "… %s …"', (value) => {
    const masked = maskSecretText(`before ${value} after`);
    expect(findSecretMaterial(masked)).toBeNull();
    expect(masked.startsWith('before ')).toBe(true);
  });

  it('maskSecretText masks the whole token (credentials included) and keeps safe text', () => {
    expect(maskSecretText('failed at postgres://u:pw@h/db: refused')).toBe('failed at [REDACTED] refused');
    expect(maskSecretText('Bearer abcdefgh and more')).toBe('[REDACTED] and more');
    for (const value of SAFE_VALUES) expect(maskSecretText(value)).toBe(value);
  });
});
