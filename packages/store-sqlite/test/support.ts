import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const clock = { now: () => new Date('2026-06-20T14:00:00.000Z') };

/** A temp folder removed after the file's tests; `next()` gives a fresh store path in it. */
export function tempStores(label: string): { dir: string; next: () => string } {
  const dir = mkdtempSync(join(tmpdir(), `synapsor-${label}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return { dir, next: () => join(dir, `s${(n += 1)}`, 'ledger.db') };
}

export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  return promise.then(() => null, (e: { code: string; message: string }) => e);
}
