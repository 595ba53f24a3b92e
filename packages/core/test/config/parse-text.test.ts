import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES, parseConfigText, validateConfig } from '@synapsor/core';
import { baseConfig, pathsAndCodes } from './helpers.js';

const VALID = JSON.stringify(baseConfig(), null, 2);

describe('parseConfigText', () => {
  it('accepts a valid file and ignores a leading BOM', () => {
    expect(parseConfigText(VALID).ok).toBe(true);
    const withBom = parseConfigText(`\uFEFF${VALID}`);
    expect(withBom.ok).toBe(true);
    expect(withBom.config).toEqual(validateConfig(baseConfig()).config);
  });

  it.each([
    ['{"version": 1,}', 1, 15],
    ['{\n  "version": 1\n  "mode": "review"\n}', 3, 3],
    ['{\n  "a": tru\n}', 2, 8],
    ['[1, 2', 1, 6],
    ['', 1, 1],
    ['{"a": "x\ny"}', 1, 9],
    ['{"a": 01}', 1, 8],
    ['{"a": "\\q"}', 1, 9],
    ['{} {}', 1, 4],
  ])('reports CONFIG_PARSE_ERROR with line and column for %j', (text, line, column) => {
    const result = parseConfigText(text);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: '$', code: 'CONFIG_PARSE_ERROR', message: `config is not valid JSON (line ${line}, column ${column})` },
    ]);
  });

  it('never quotes the file text in a parse error', () => {
    const result = parseConfigText('{"read_url": "postgres://admin:hunter2@db/app" oops}');
    expect(result.errors[0]?.code).toBe('CONFIG_PARSE_ERROR');
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('rejects a file over 1 MiB with CONFIG_TOO_LARGE', () => {
    const padded = `{"version": 1, "pad": "${'x'.repeat(MAX_CONFIG_BYTES)}"}`;
    expect(pathsAndCodes(parseConfigText(padded).errors)).toEqual([{ path: '$', code: 'CONFIG_TOO_LARGE' }]);
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    // 600k two-byte characters: under 1 Mi chars, over 1 MiB of UTF-8.
    const text = `{"pad": "${'é'.repeat(600_000)}"}`;
    expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
    expect(parseConfigText(text).errors[0]?.code).toBe('CONFIG_TOO_LARGE');
  });

  it('rejects JSON that is not an object', () => {
    expect(pathsAndCodes(parseConfigText('[]').errors)).toEqual([{ path: '$', code: 'CONFIG_NOT_OBJECT' }]);
    expect(pathsAndCodes(parseConfigText('"x"').errors)).toEqual([{ path: '$', code: 'CONFIG_NOT_OBJECT' }]);
  });

  it('rejects absurd nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(pathsAndCodes(parseConfigText(`{"x": ${deep}}`).errors)).toEqual([{ path: '$', code: 'CONFIG_TOO_DEEP' }]);
    const broken = `${'['.repeat(100_000)}}`;
    expect(parseConfigText(broken).errors[0]?.code).toBe('CONFIG_PARSE_ERROR');
  });
});
