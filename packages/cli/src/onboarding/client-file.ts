import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isSynapsorError, mergeClientConfig } from '@synapsor/core';
import { usageError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { jsonText } from './file-plan.js';
import { readJsonIfExists } from './json-file.js';

/** `<file>.bak.<timestamp>` (filesystem-safe ISO time). */
export function backupPath(path: string, now: Date): string {
  return `${path}.bak.${now.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * `mcp config --write`: merges the snippet into the client's file (our server added or
 * replaced, everything else kept) after copying the old file to a timestamped backup.
 */
export async function writeClientFile(io: CliIo, destination: string, snippet: Record<string, unknown>): Promise<{ backup: string | null }> {
  const existing = await readJsonIfExists(destination);
  let merged: Record<string, unknown>;
  try {
    merged = mergeClientConfig(existing.exists ? existing.value : undefined, snippet);
  } catch (error) {
    if (isSynapsorError(error)) throw usageError(error.code, `${destination}: ${error.message}`);
    throw error;
  }
  let backup: string | null = null;
  if (existing.exists) {
    backup = backupPath(destination, new Date());
    await copyFile(destination, backup);
  }
  await mkdir(dirname(destination), { recursive: true });
  await writeFile(destination, jsonText(merged));
  io.stderr(`wrote ${destination}${backup ? ` (backup ${backup})` : ''}\n`);
  return { backup };
}
