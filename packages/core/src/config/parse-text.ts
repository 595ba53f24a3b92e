import { validateConfig, failedResult, type ConfigValidationResult } from './validate.js';
import { jsonErrorOffset, lineAndColumn } from './json-position.js';

export const MAX_CONFIG_BYTES = 1024 * 1024;

function utf8Length(text: string): number {
  // Every UTF-16 unit is at least one UTF-8 byte: skip encoding huge inputs.
  return text.length > MAX_CONFIG_BYTES ? text.length : new TextEncoder().encode(text).length;
}

/**
 * Validates the contents of a config file (reading it is the caller's job: core has no fs).
 * A leading BOM is ignored; > 1 MiB → `CONFIG_TOO_LARGE`; bad JSON → `CONFIG_PARSE_ERROR`
 * naming line and column, never quoting the text.
 */
export function parseConfigText(text: string): ConfigValidationResult {
  if (utf8Length(text) > MAX_CONFIG_BYTES) return failedResult('CONFIG_TOO_LARGE');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const offset = jsonErrorOffset(body);
    if (offset < 0) return failedResult('CONFIG_PARSE_ERROR');
    const { line, column } = lineAndColumn(body, offset);
    return failedResult('CONFIG_PARSE_ERROR', `config is not valid JSON (line ${line}, column ${column})`);
  }
  return validateConfig(json);
}
