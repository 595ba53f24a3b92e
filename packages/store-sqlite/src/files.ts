import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { SynapsorError } from '@synapsor/core';
import { assertNoLiveLease, leasePath } from './lease.js';

export const MEMORY_PATH = ':memory:';

/** Parent folder 0700 and the file 0600 when we create them (a ledger holds business data). */
export function prepareStoreFile(path: string): void {
  if (path === MEMORY_PATH) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'Could not create the local store file');
  }
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Database file + WAL, as `stats` and `vacuum` report. */
export function storeBytes(path: string): number {
  return path === MEMORY_PATH ? 0 : size(path) + size(`${path}-wal`);
}

export function storeFileExists(path: string): boolean {
  return path === MEMORY_PATH || existsSync(path);
}

/**
 * `store reset`: deletes the file, `-wal`, `-shm` and the lease; works on a damaged file that
 * cannot be opened. Never touches a source database.
 */
export function resetSqliteStore(options: { path: string; force?: boolean }): { deleted: string[] } {
  if (options.path === MEMORY_PATH) {
    throw new SynapsorError('STORE_RESET_REFUSED', 'An in-memory store cannot be reset');
  }
  assertNoLiveLease(options.path, options.force);
  const deleted: string[] = [];
  for (const file of [options.path, `${options.path}-wal`, `${options.path}-shm`, leasePath(options.path)]) {
    try {
      unlinkSync(file);
      deleted.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'Could not delete a store file');
      }
    }
  }
  return { deleted };
}
