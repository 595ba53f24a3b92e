import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SynapsorError } from '../../src/errors/index.js';
import { baseAlias, exposedNames } from '../../src/tools/index.js';

const h8 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);

describe('alias algorithm', () => {
  it.each([
    ['billing.inspect_invoice', 'billing__inspect_invoice'],
    ['a.b', 'a__b'],
    ['ns.has-dash', 'ns__has-dash'],
    ['a..b', 'a__b'],
    ['a._b', 'a__b'],
    ['a___b.c', 'a__b__c'],
    ['_a.b_', 'a__b'],
    ['a b!c', 'a__b__c'],
  ])('%s → %s', (canonical, alias) => {
    expect(baseAlias(canonical).alias).toBe(alias);
  });

  it('uses tool_ + 8 hex of sha256 when nothing is left', () => {
    expect(baseAlias('..').alias).toBe(`tool_${h8('..')}`);
    expect(baseAlias('_._').alias).toBe(`tool_${h8('_._')}`);
  });

  it('shortens aliases longer than 64 chars to 55 chars + _ + 8 hex', () => {
    const canonical = `${'n'.repeat(30)}.${'x'.repeat(40)}`;
    const alias = baseAlias(canonical).alias;
    expect(alias).toBe(`${'n'.repeat(30)}__${'x'.repeat(23)}_${h8(canonical)}`);
    expect(alias).toHaveLength(64);
    const exactly64 = `${'n'.repeat(31)}.${'x'.repeat(31)}`;
    expect(baseAlias(exactly64).alias).toBe(`${'n'.repeat(31)}__${'x'.repeat(31)}`);
  });

  it('falls back to the hashed form on collision with an earlier alias', () => {
    const names = exposedNames(['a.b_c', 'a_b.c', 'a__b.c'], 'openai').map((n) => n.map((e) => e.name));
    expect(names[0]).toEqual(['a__b_c']);
    expect(names[1]).toEqual(['a_b__c']);
    expect(names[2]).toEqual([`a__b__c`]);
    const colliding = exposedNames(['a.b', 'a..b'], 'openai').map((n) => n[0]!.name);
    expect(colliding).toEqual(['a__b', `a__b_${h8('a..b')}`]);
  });

  it('treats canonical names as taken in mode both, and refuses when the hashed form collides too', () => {
    // The first canonical name is the second one's hashed alias, exposed as-is in mode both.
    const second = 'a..b';
    const hashedAlias = `a__b_${h8(second)}`;
    let error: unknown;
    try {
      exposedNames([hashedAlias, 'a.b', second], 'both');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SynapsorError);
    expect((error as SynapsorError).code).toBe('TOOL_NAME_COLLISION');
  });

  it('lists canonical first, then the alias, per capability in mode both', () => {
    const names = exposedNames(['b.one', 'a.two'], 'both').flat();
    expect(names.map((n) => [n.name, n.style])).toEqual([
      ['b.one', 'canonical'],
      ['b__one', 'openai'],
      ['a.two', 'canonical'],
      ['a__two', 'openai'],
    ]);
  });
});
