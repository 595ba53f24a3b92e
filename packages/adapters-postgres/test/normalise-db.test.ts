import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceAdapter } from '@synapsor/core';
import { createFixture, type Fixture } from './support/fixture.js';
import { adapterFor, invoicePlan } from './support/plans.js';
import { postgresReachable } from './support/postgres.js';

const reachable = await postgresReachable('adapters-postgres normalisation');

const COLUMNS = ['id', 'small', 'big', 'exact', 'ratio', 'flag', 'note', 'code', 'uid', 'mood', 'at', 'local_at', 'day', 'clock', 'span', 'doc', 'docb', 'ints', 'words', 'bigs', 'blob'];

describe.skipIf(!reachable)('value normalisation through the real server', () => {
  let fixture: Fixture;
  let adapter: SourceAdapter;
  const read = async (id: number) => {
    const plan = invoicePlan(fixture.schema, {
      table: 'typed',
      columns: [...COLUMNS, 'tenant_id'],
      visible_columns: COLUMNS.filter((column) => column !== 'blob'),
      lookup_value: id,
    });
    return (await adapter.readOne(plan)).rows[0];
  };

  beforeAll(async () => {
    fixture = await createFixture();
    // The writing session uses another time zone: stored instants must come back in UTC.
    await fixture.query(`SET TimeZone = 'America/New_York'`);
    await fixture.query(`INSERT INTO ${fixture.schema}.typed VALUES
      (1, 'acme', -32768, 9007199254740991, 12345678901234567890.123456789, 0.1, true, 'héllo "q"', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'ok',
       '2026-06-20 10:31:08.123456-04', '2026-06-20 14:31:08.1', '2026-06-20', '23:59:59.999999', '1 day 02:03:04',
       '{"b": 1, "a": [true, null, "x"]}', '{"z": {"y": 2.50, "x": "é"}, "a": 1}', '{1,NULL,3}', '{"a b","c,d",NULL,"e\\"f"}', '{9007199254740993,-1}', '\\xdeadbeef'),
      (2, 'acme', NULL, 9007199254740993, 'NaN', 'NaN', false, NULL, NULL, NULL, NULL,
       '2026-06-20 14:31:08+00', NULL, NULL, NULL, NULL, NULL, NULL, '{}', NULL, NULL, NULL),
      (3, 'acme', 0, -9007199254740993, 0, 'Infinity', NULL, NULL, NULL, NULL, NULL,
       'infinity', NULL, NULL, NULL, NULL, 'null', '[]', NULL, NULL, NULL, NULL),
      (4, 'acme', 1, 1, 1, '-Infinity', NULL, NULL, NULL, NULL, NULL, '2026-06-20 14:31:08.5+05:30', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    await fixture.query('RESET TimeZone');
    adapter = adapterFor(fixture);
  });
  afterAll(async () => {
    await adapter?.close();
    await fixture?.drop();
  });

  it('maps every supported type per the spec table', async () => {
    expect(await read(1)).toEqual({
      id: 1,
      tenant_id: 'acme',
      small: -32768,
      big: 9007199254740991,
      exact: '12345678901234567890.123456789',
      ratio: 0.1,
      flag: true,
      note: 'héllo "q"',
      code: 'ab ',
      uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      mood: 'ok',
      at: '2026-06-20T14:31:08.123456Z',
      local_at: '2026-06-20T14:31:08.1',
      day: '2026-06-20',
      clock: '23:59:59.999999',
      span: '1 day 02:03:04',
      doc: '{"a":[true,null,"x"],"b":1}',
      docb: '{"a":1,"z":{"x":"é","y":2.5}}',
      ints: '[1,null,3]',
      words: '["a b","c,d",null,"e\\"f"]',
      bigs: '["9007199254740993",-1]',
      blob: 'deadbeef',
    });
  });

  it('keeps unsafe integers, NaN and infinities as strings', async () => {
    expect(await read(2)).toMatchObject({ big: '9007199254740993', exact: 'NaN', ratio: 'NaN', flag: false, at: '2026-06-20T14:31:08Z', ints: '[]' });
    expect(await read(3)).toMatchObject({ big: '-9007199254740993', exact: '0', ratio: 'Infinity', at: 'infinity', doc: 'null', docb: '[]' });
    expect(await read(4)).toMatchObject({ ratio: '-Infinity', at: '2026-06-20T09:01:08.5Z' });
  });
});
