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

/** Store refusals that mean "your input was wrong" rather than "the ledger said no". */
const USAGE_CODES = new Set(['FILTER_LIMIT_INVALID', 'FILTER_OBJECT_INVALID', 'FILTER_TIME_INVALID', 'STORE_RESET_REFUSED']);

/**
 * A package refusal (`SynapsorError`) as a CLI outcome with its safe code and message (exit 1,
 * or 2 for the input errors above); package messages never carry URLs, driver text or values.
 * Anything else is rethrown.
 */
export function cliErrorFrom(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (isSynapsorError(error)) return new CliError(error.code, error.message, USAGE_CODES.has(error.code) ? 2 : 1);
  throw error;
}

/** Runs `run`, turning package refusals into CLI outcomes (`cliErrorFrom`). */
export async function refusalsAsFailures<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw cliErrorFrom(error);
  }
}
