import { readFile as fsReadFile } from 'node:fs/promises';
import { AuditUsageError } from '../errors.js';

export type ReadFile = (path: string) => Promise<string>;

export const defaultReadFile: ReadFile = (path) => fsReadFile(path, 'utf8');

/**
 * Reads and parses a JSON input. Parse errors name the position only: engine messages quote
 * the surrounding text, which may be a secret from a client config.
 */
export async function readJsonFile(path: string, readFile: ReadFile): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new AuditUsageError(`cannot read ${path}: ${code}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` (at character ${position})`;
    throw new AuditUsageError(`${path} is not valid JSON${where}`);
  }
}
