import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseConfigText, type RunnerConfig } from '@synapsor/core';
import { CliError, usageError } from './errors.js';
import type { CliIo } from './io.js';

export interface ConfigIssue {
  path: string;
  code: string;
  message: string;
}

export interface LoadedConfig {
  path: string;
  dir: string;
  config: RunnerConfig;
  warnings: ConfigIssue[];
}

export interface ConfigValidation {
  path: string;
  ok: boolean;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  config?: RunnerConfig;
}

/** `--config` > `SYNAPSOR_MCP_CONFIG` > `./synapsor.runner.json`. */
export function resolveConfigPath(io: CliIo, flag: string | undefined): string {
  return resolve(io.cwd, flag ?? io.env.SYNAPSOR_MCP_CONFIG ?? 'synapsor.runner.json');
}

/** Reads and validates; a missing file is a usage error, an invalid config is not thrown. */
export async function validateConfigFile(io: CliIo, flag: string | undefined): Promise<ConfigValidation> {
  const path = resolveConfigPath(io, flag);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw usageError('CONFIG_NOT_FOUND', `config not found: ${path}`);
  }
  const result = parseConfigText(text);
  return { path, ok: result.ok, errors: result.errors, warnings: result.warnings, config: result.config };
}

/** Loads a config the command needs; any error refuses to continue (exit 1). */
export async function loadConfig(io: CliIo, flag: string | undefined): Promise<LoadedConfig> {
  const result = await validateConfigFile(io, flag);
  if (!result.ok || !result.config) {
    const first = result.errors[0];
    const detail = first ? ` (${first.path} ${first.code}: ${first.message})` : '';
    throw new CliError('CONFIG_INVALID', `config invalid: ${result.path}${detail}; run \`synapsor-runner config validate\``);
  }
  return { path: result.path, dir: dirname(result.path), config: result.config, warnings: result.warnings };
}

export function formatIssues(result: ConfigValidation): string[] {
  const lines = [`config ${result.ok ? 'valid' : 'invalid'}: ${result.path}`];
  for (const issue of result.errors) lines.push(`error ${issue.path} ${issue.code}: ${issue.message}`);
  for (const issue of result.warnings) lines.push(`warning ${issue.path} ${issue.code}: ${issue.message}`);
  return lines;
}
