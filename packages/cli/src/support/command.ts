import type { Command } from 'commander';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { printJson } from './output.js';

export interface CliContext {
  io: CliIo;
  version: string;
  /** Exit code the current command asks for (set by actions; read by `main`). */
  exitCode: number;
}

export interface GlobalOptions {
  config?: string;
  store?: string;
}

export type CommandGroup = (program: Command, context: CliContext) => void;

/**
 * Wraps an action: options merged with the global ones; a thrown CliError is rendered
 * (as `{ok:false,error}` with `--json`) and sets the exit code. Returning a number sets it too.
 */
export function action<O extends object>(
  context: CliContext,
  run: (options: O & GlobalOptions, args: string[], command: Command) => Promise<number | void>,
) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const args = received.slice(0, -2).filter((value): value is string => typeof value === 'string');
    const options = command.optsWithGlobals() as O & GlobalOptions & { json?: boolean };
    try {
      const code = await run(options, args, command);
      context.exitCode = typeof code === 'number' ? code : 0;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      if (options.json) printJson(context.io, { ok: false, error: { code: error.code, message: error.message } });
      else context.io.stderr(`error ${error.code}: ${error.message}\n`);
      context.exitCode = error.exitCode;
    }
  };
}
