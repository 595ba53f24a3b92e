import { readFile } from 'node:fs/promises';
import { usageError } from '../support/errors.js';

/** Reads a JSON input file named by a flag; unreadable or malformed → usage error (exit 2). */
export async function readJsonFile(flag: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw usageError('INPUT_NOT_FOUND', `${flag}: file not readable: ${path}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw usageError('INPUT_INVALID', `${flag}: ${path} is not valid JSON`);
  }
}

export async function readJsonIfExists(path: string): Promise<{ exists: boolean; value: unknown; text: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { exists: false, value: undefined, text: '' };
  }
  try {
    return { exists: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown, text };
  } catch {
    throw usageError('CLIENT_CONFIG_INVALID', `${path} exists but is not valid JSON; fix or move it first`);
  }
}
