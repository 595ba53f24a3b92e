import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../src/live/argv.js';
import { normaliseToken, splitWords } from '../src/classify/words.js';

describe('splitCommandLine (no shell)', () => {
  it.each([
    ['node server.mjs --flag', ['node', 'server.mjs', '--flag']],
    [`node "my server.mjs" 'a b'`, ['node', 'my server.mjs', 'a b']],
    [`echo "say \\"hi\\"" 'it''s' a\\ b`, ['echo', 'say "hi"', 'its', 'a b']],
    [`cmd '$HOME' "$HOME" ""`, ['cmd', '$HOME', '$HOME', '']],
    ['cmd a;b|c', ['cmd', 'a;b|c']],
  ])('%s', (line, argv) => {
    expect(splitCommandLine(line)).toEqual(argv);
  });

  it('rejects unterminated quotes, a trailing backslash and empty commands', () => {
    expect(() => splitCommandLine('node "x')).toThrow('unterminated " quote');
    expect(() => splitCommandLine('node x\\')).toThrow('lone backslash');
    expect(() => splitCommandLine('')).toThrow('empty');
  });
});

describe('tokenisation', () => {
  it('normalises tokens and splits words at camelCase and punctuation', () => {
    expect(normaliseToken('tenant-ID')).toBe('tenantid');
    expect(normaliseToken('tenantId')).toBe('tenantid');
    expect(splitWords('getCustomerByID')).toEqual(['get', 'customer', 'by', 'id']);
    expect(splitWords('HTTPServer.run_SQL-now')).toEqual(['http', 'server', 'run', 'sql', 'now']);
    expect(splitWords('records, reviews')).toEqual(['records', 'reviews']);
  });
});
