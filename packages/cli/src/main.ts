import { Command, CommanderError } from 'commander';
import type { CliContext, CommandGroup } from './support/command.js';
import type { CliIo } from './support/io.js';
import { commandGroups } from './commands/index.js';
import { CLI_VERSION } from './version.js';

/** Builds the `synapsor-runner` command tree (one file per group under commands/). */
export function buildProgram(context: CliContext, groups: readonly CommandGroup[] = commandGroups): Command {
  const program = new Command('synapsor-runner')
    .description('Reviewed business tools for AI agents in front of PostgreSQL and MySQL.')
    .version(context.version, '--version')
    .option('--config <file>', 'config file (default: $SYNAPSOR_MCP_CONFIG or ./synapsor.runner.json)')
    .option('--store <path>', 'ledger path (default: $SYNAPSOR_LOCAL_STORE, config storage.sqlite_path, ./.synapsor/local.db)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => context.io.stdout(text),
      writeErr: (text) => context.io.stderr(text),
    })
    .exitOverride();
  for (const register of groups) register(program, context);
  // Every subcommand reports usage errors through the same override (exit 2, not process.exit).
  const applyOverrides = (command: Command) => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => context.io.stdout(text),
      writeErr: (text) => context.io.stderr(text),
    });
    command.showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(applyOverrides);
  };
  program.commands.forEach(applyOverrides);
  return program;
}

/** Runs the CLI and returns the process exit code: 0 ok, 1 failure, 2 usage. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, version: CLI_VERSION, exitCode: 0 };
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return benign.includes(error.code) ? 0 : 2;
    }
    // Never print a raw stack or driver text: unexpected errors get a generic line.
    io.stderr(`error INTERNAL: unexpected failure (${error instanceof Error ? error.name : 'unknown'})\n`);
    if (io.env.SYNAPSOR_LOG_LEVEL === 'debug' && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return 1;
  }
}
