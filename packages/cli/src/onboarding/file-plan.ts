import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { usageError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';

export interface PlannedFile {
  path: string;
  content: string;
  /** File mode; handler templates that run as commands are executable. */
  mode?: number;
}

/**
 * Writes a set of files all-or-nothing with respect to overwrites: any existing file without
 * `force` refuses the whole set (exit 2) before anything is written. `dryRun` prints instead.
 */
export async function writePlannedFiles(io: CliIo, files: PlannedFile[], options: { force: boolean; dryRun: boolean; quiet?: boolean }): Promise<void> {
  const existing = files.filter((file) => existsSync(file.path));
  if (existing.length > 0 && !options.force && !options.dryRun) {
    throw usageError('FILE_EXISTS', `would overwrite ${existing.map((file) => relative(io.cwd, file.path) || file.path).join(', ')}; pass --force to replace`);
  }
  if (options.dryRun) {
    for (const file of files) io.stdout(`--- ${relative(io.cwd, file.path) || file.path}${existsSync(file.path) ? ' (exists)' : ''}\n${file.content}${file.content.endsWith('\n') ? '' : '\n'}`);
    return;
  }
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
    if (file.mode !== undefined) await chmod(file.path, file.mode);
    if (!options.quiet) io.stderr(`wrote ${relative(io.cwd, file.path) || file.path}\n`);
  }
}

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
