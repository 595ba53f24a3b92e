import { compileTools, validateConfig } from '@synapsor/core';
import { AuditUsageError } from '../errors.js';
import { isRecord } from '../json-path.js';

/** `version: 1` + `capabilities[]` marks a runner config (audit.md "Inputs"). */
export function isRunnerConfig(json: unknown): boolean {
  return isRecord(json) && json['version'] === 1 && Array.isArray(json['capabilities']);
}

const MAX_LISTED_ISSUES = 5;

/** Validates and compiles exactly as the runtime does (alias mode `canonical`); returns the tools/list descriptors. */
export function compileRunnerTools(json: unknown): unknown[] {
  const result = validateConfig(json);
  if (!result.ok || result.config === undefined) {
    const issues = result.errors.slice(0, MAX_LISTED_ISSUES).map((issue) => `${issue.path} ${issue.code}`);
    const more = result.errors.length > MAX_LISTED_ISSUES ? ` (+${result.errors.length - MAX_LISTED_ISSUES} more)` : '';
    throw new AuditUsageError(`invalid runner config: ${issues.join('; ')}${more}`);
  }
  try {
    return [...compileTools(result.config, { aliasMode: 'canonical' }).descriptors];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new AuditUsageError(`invalid runner config: ${typeof code === 'string' ? code : 'COMPILE_FAILED'}`);
  }
}
