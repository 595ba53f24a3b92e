import { isSynapsorError } from '@synapsor/core';

/**
 * A command outcome that is not success. Exit codes (cli.md): 1 = the command ran and the
 * outcome is a failure; 2 = usage error (bad flag, missing file or target).
 */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: 1 | 2;

  constructor(code: string, message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

export function usageError(code: string, message: string): CliError {
  return new CliError(code, message, 2);
}

/**
 * Package refusals (`SynapsorError`) become command failures (exit 1) with their safe code and
 * message; package messages never carry URLs, driver text or values. Anything else is rethrown.
 */
export async function refusalsAsFailures<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isSynapsorError(error)) throw new CliError(error.code, error.message, 1);
    throw error;
  }
}
