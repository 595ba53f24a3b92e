import { describe, expect, it } from 'vitest';
import { ENV_NAME_PATTERN } from '@synapsor/core';
import { CAP0, CAP1, expectError, pathsAndCodes, validateWith } from './helpers.js';

describe('length bounds of name rules', () => {
  it('env names: 128 chars pass, 129 fail', () => {
    expect(ENV_NAME_PATTERN.test(`A${'B'.repeat(127)}`)).toBe(true);
    expect(ENV_NAME_PATTERN.test(`A${'B'.repeat(128)}`)).toBe(false);
    const ok = validateWith((c) => { c.sources.db.read_url_env = `R${'X'.repeat(127)}`; });
    expect(ok.errors).toEqual([]);
    expectError(validateWith((c) => { c.sources.db.read_url_env = `R${'X'.repeat(128)}`; }), '$.sources.db.read_url_env', 'READ_URL_ENV_REQUIRED');
  });

  it('safe names: dots and dashes allowed, 64 chars pass, 65 fail', () => {
    const rename = (name: string) => validateWith((c) => {
      c.sources = { [name]: c.sources.db };
      for (const capability of c.capabilities) capability.source = name;
    });
    expect(rename('app.db-1').errors).toEqual([]);
    expect(rename(`s${'x'.repeat(63)}`).errors).toEqual([]);
    const long = `s${'x'.repeat(64)}`;
    expect(pathsAndCodes(rename(long).errors)).toEqual([{ path: `$.sources.${long}`, code: 'UNSAFE_SOURCE_NAME' }]);
  });

  it('capability names: 128 chars pass, 129 fail', () => {
    const named = (name: string) => validateWith((c) => { c.capabilities[0].name = name; });
    expect(named(`a.${'b'.repeat(126)}`).errors).toEqual([]);
    expectError(named(`a.${'b'.repeat(127)}`), `${CAP0}.name`, 'INVALID_CAPABILITY_NAME');
    expectError(named('a.b.c'), `${CAP0}.name`, 'INVALID_CAPABILITY_NAME');
  });

  it('roles: 64 chars pass, 65 fail; : . - allowed', () => {
    const role = (r: string) => validateWith((c) => { c.capabilities[1].approval.required_role = r; });
    expect(role('org:billing.lead-1').errors).toEqual([]);
    expect(role('r'.repeat(64)).errors).toEqual([]);
    expectError(role('r'.repeat(65)), `${CAP1}.approval.required_role`, 'INVALID_REQUIRED_ROLE');
  });

  it('expires_after accepts the documented range', () => {
    for (const value of ['1m', '72h', '365d', '60s']) {
      expect(validateWith((c) => { c.capabilities[1].approval.expires_after = value; }).errors).toEqual([]);
    }
  });
});

describe('messages', () => {
  it('name env vars but never values', () => {
    const result = validateWith((c) => { c.sources.db.write_url_env = 'DB_READ_URL'; });
    expect(result.warnings[0]?.message).toContain('DB_READ_URL');
  });

  it('do not echo a bad value', () => {
    const result = validateWith((c) => { c.capabilities[0].target.table = 'invoices; DROP TABLE secrets'; });
    expect(JSON.stringify(result.errors)).not.toContain('DROP');
  });
});
