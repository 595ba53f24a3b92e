import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { CliError, usageError } from '../support/errors.js';
import { integerFlag } from '../support/flags.js';
import { printJson, printLines } from '../support/output.js';
import { DEMO_DB_PORT, REFERENCE } from '../demo/reference.js';

function untilSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export const registerDemo: CommandGroup = (program, context) => {
  const { io } = context;
  const demo = program
    .command('demo')
    .description('the full loop with zero setup: embedded PostgreSQL, a real MCP server, review and apply')
    .option('--keep', 'keep ./.synapsor/demo (data, config, ledger) and print how to continue')
    .option('--quick', 'ledger-only fixture (./.synapsor/quick-demo.db), no database')
    .option('--json', 'one JSON summary on stdout')
    .action(
      action<{ keep?: boolean; quick?: boolean; json?: boolean }>(context, async (options) => {
        if (options.quick && options.keep) throw usageError('INVALID_FLAG', '--quick and --keep cannot be combined');
        // The demo modules (PGlite, the MCP client, the adapters, the executors) load only here:
        // every other command starts without them (cold start, docs/performance.md).
        if (options.quick) {
          const { runQuickDemo } = await import('../demo/quick.js');
          const quick = await runQuickDemo(io, { json: Boolean(options.json) });
          if (options.json) printJson(io, quick);
          return quick.ok ? 0 : 1;
        }
        const { runDemo } = await import('../demo/run.js');
        const summary = await runDemo(io, { keep: Boolean(options.keep), json: Boolean(options.json), version: context.version });
        if (options.json) printJson(io, summary);
        else {
          const status = summary.ok ? 'demo complete' : `demo FAILED: ${summary.failures.join('; ')}`;
          printLines(io, ['', `${status} in ${(summary.duration_ms / 1000).toFixed(1)} s — applied ${summary.applied}, already_applied ${summary.already_applied}, conflict ${summary.conflict}, cross-tenant refused ${summary.cross_tenant_refused ? 'yes' : 'no'}`]);
        }
        return summary.ok ? 0 : 1;
      }),
    );

  demo
    .command('db')
    .description('serve the data kept by `demo --keep` (foreground; Ctrl-C stops)')
    .option('--data-dir <dir>', 'the kept demo folder', './.synapsor/demo')
    .option('--port <port>', `port on 127.0.0.1 (default ${DEMO_DB_PORT})`, integerFlag('--port', 1, 65535))
    .action(
      action<{ dataDir: string; port?: number }>(context, async (options) => {
        const [{ demoWorkspace }, { startEmbeddedPostgres }] = await Promise.all([import('../demo/workspace.js'), import('../demo/embedded-postgres.js')]);
        const workspace = demoWorkspace(io.cwd, options.dataDir);
        if (!existsSync(workspace.pgDataDir)) throw usageError('DEMO_DATA_NOT_FOUND', `no kept demo data in ${resolve(io.cwd, options.dataDir)}; run \`synapsor-runner demo --keep\` first`);
        const pg = await startEmbeddedPostgres({ dataDir: workspace.pgDataDir, port: options.port ?? DEMO_DB_PORT }).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') throw new CliError('PORT_IN_USE', 'the port is already in use; pass --port');
          throw error;
        });
        // Handlers first: a signal sent as soon as the ready line appears must stop us cleanly.
        const stopped = untilSignal();
        io.stderr(`serving the kept demo data on 127.0.0.1:${pg.port} (user postgres, database postgres); Ctrl-C stops\n`);
        io.stderr(`env for the runner: ${REFERENCE.readUrlEnv}, ${REFERENCE.writeUrlEnv} in ${workspace.shownDir}/runner.env\n`);
        await stopped;
        await pg.stop();
        io.stderr('stopped\n');
      }),
    );
};
