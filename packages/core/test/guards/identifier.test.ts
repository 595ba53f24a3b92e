import { describe, expect, it } from 'vitest';
import { assertSqlIdentifier, isSqlIdentifier, SQL_IDENTIFIER_PATTERN, SynapsorError } from '@synapsor/core';

const ACCEPTED = ['id', 'tenant_id', '_private', 'Invoices2', 'a', 'x'.repeat(63)];
const REJECTED: Array<[string, unknown]> = [
  ['path traversal', '../x'],
  ['statement injection', 'status; DROP TABLE t'],
  ['double quote', 'a"b'],
  ['backtick', 'a`b'],
  ['single quote', "a'b"],
  ['space', 'late fee'],
  ['tab', 'late\tfee'],
  ['trailing newline', 'status\n'],
  ['Cyrillic а look-alike', 'st\u0430tus'],
  ['fullwidth letter', '\uFF41'],
  ['leading digit', '1col'],
  ['dot', 'public.invoices'],
  ['dash', 'late-fee'],
  ['64 chars', 'x'.repeat(64)],
  ['empty', ''],
  ['not a string', 42],
  ['null', null],
];

describe('SQL identifiers', () => {
  it.each(ACCEPTED)('accepts %s', (value) => {
    expect(isSqlIdentifier(value)).toBe(true);
    expect(() => assertSqlIdentifier(value, 'column')).not.toThrow();
  });

  it.each(REJECTED)('rejects %s', (_label, value) => {
    expect(isSqlIdentifier(value)).toBe(false);
    let thrown: unknown;
    try {
      assertSqlIdentifier(value, 'column');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SynapsorError);
    expect((thrown as SynapsorError).code).toBe('UNSAFE_IDENTIFIER');
    // The message names the role, never the offending value.
    expect((thrown as SynapsorError).message).toBe('column is not a safe SQL identifier');
  });

  it('is a plain ASCII pattern without flags', () => {
    expect(SQL_IDENTIFIER_PATTERN.flags).toBe('');
  });
});
