import { SynapsorError, isSynapsorError } from '@synapsor/core';

function driverCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function storeCorrupt(path: string): SynapsorError {
  return new SynapsorError(
    'STORE_CORRUPT',
    `The local store at ${path} is not a Synapsor ledger or is damaged. Move it aside or run \`synapsor-runner store reset --yes\`.`,
  );
}

/**
 * Driver errors become safe codes; the driver's own message never leaves this function.
 * `SQLITE_BUSY` after busy_timeout is `LEDGER_BUSY` (retryable).
 */
export function toStoreError(error: unknown): SynapsorError {
  if (isSynapsorError(error)) return error;
  const code = driverCode(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new SynapsorError('LEDGER_BUSY', 'The local ledger is busy; retry shortly');
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new SynapsorError('LEDGER_CONSTRAINT_VIOLATION', 'Ledger constraint violated');
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new SynapsorError('STORE_CORRUPT', 'The local store is damaged; run `synapsor-runner store reset --yes`');
  }
  return new SynapsorError('LOCAL_STORE_UNAVAILABLE', 'The local store is unavailable');
}

/** Runs `fn`, converting anything thrown into a safe `SynapsorError`. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStoreError(error);
  }
}
