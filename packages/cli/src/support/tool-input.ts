import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CapabilityConfig } from '@synapsor/core';
import { usageError } from './errors.js';

export interface InputFlags {
  input?: string;
  inputJson?: string;
  sample?: boolean;
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw usageError('INPUT_INVALID', `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** A placeholder per declared argument: first enum value, the minimum, else `"sample"`. */
function generatedSample(capability: CapabilityConfig): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(capability.args ?? {})) {
    if (spec.enum && spec.enum.length > 0) args[name] = spec.enum[0];
    else if (spec.type === 'number') args[name] = spec.minimum ?? 0;
    else if (spec.type === 'boolean') args[name] = false;
    else args[name] = 'sample';
  }
  return args;
}

/**
 * `--sample`: the capability's entry in `.synapsor/smoke-input.json` beside the config (written
 * by `init` when an id is known; `{"<capability>": {args}}`), else a generated placeholder.
 */
async function sampleInput(configDir: string, capability: CapabilityConfig): Promise<Record<string, unknown>> {
  try {
    const file = JSON.parse(await readFile(join(configDir, '.synapsor', 'smoke-input.json'), 'utf8')) as Record<string, unknown>;
    const entry = file[capability.name];
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) return entry as Record<string, unknown>;
  } catch {
    // No smoke-input file: fall back to a generated sample.
  }
  return generatedSample(capability);
}

/** `--input-json`, `--input <file>` or `--sample` (exclusive; none → `--sample`). */
export async function toolInput(flags: InputFlags, configDir: string, capability: CapabilityConfig): Promise<Record<string, unknown>> {
  const given = [flags.input !== undefined, flags.inputJson !== undefined, Boolean(flags.sample)].filter(Boolean).length;
  if (given > 1) throw usageError('INPUT_FLAGS_EXCLUSIVE', '--input, --input-json and --sample are exclusive');
  if (flags.inputJson !== undefined) {
    try {
      return asObject(JSON.parse(flags.inputJson), '--input-json');
    } catch (error) {
      if (error instanceof SyntaxError) throw usageError('INPUT_INVALID', '--input-json is not valid JSON');
      throw error;
    }
  }
  if (flags.input !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.input, 'utf8');
    } catch {
      throw usageError('INPUT_NOT_FOUND', `input file not readable: ${flags.input}`);
    }
    try {
      return asObject(JSON.parse(text), 'the input file');
    } catch (error) {
      if (error instanceof SyntaxError) throw usageError('INPUT_INVALID', 'the input file is not valid JSON');
      throw error;
    }
  }
  return sampleInput(configDir, capability);
}
