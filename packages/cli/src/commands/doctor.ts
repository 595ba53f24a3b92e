import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderChecks, renderDoctorMarkdown, summarizeChecks } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { loadEnv } from '../support/env-file.js';
import { usageError } from '../support/errors.js';
import { printJson, printLines } from '../support/output.js';
import { runDoctor, type DoctorFlags } from '../onboarding/doctor-run.js';

interface DoctorCommandFlags extends DoctorFlags {
  report?: boolean;
  output?: string;
  envFile?: string;
  json?: boolean;
}

export const registerDoctor: CommandGroup = (program, context) => {
  program
    .command('doctor')
    .description('health checks: config, env, database privileges and objects, writeback, handlers, boundary, ledger')
    .option('--check-writeback', 'probe the writer: receipts table and rolled-back UPDATE per allowed/bump column')
    .option('--check-handlers', 'send OPTIONS to each http_handler (never a job)')
    .option('--allow-shared-credential', 'accept one credential for read and write (local development)')
    .option('--env-file <file>', 'load KEY=VALUE lines first (process env wins)')
    .option('--report', 'write a redacted markdown report')
    .option('--output <file>', 'report path (default synapsor-doctor.md)')
    .option('--json', 'JSON output')
    .action(
      action<DoctorCommandFlags>(context, async (options) => {
        const { io } = context;
        if (options.output && !options.report) throw usageError('OUTPUT_NEEDS_REPORT', '--output is only used with --report');
        const env = await loadEnv(io.env, options.envFile);
        const run = await runDoctor(io, options, env, options);
        const summary = summarizeChecks(run.checks);
        let reportPath: string | null = null;
        if (options.report) {
          reportPath = resolve(io.cwd, options.output ?? 'synapsor-doctor.md');
          await writeFile(reportPath, renderDoctorMarkdown(run.checks, { config_path: run.configPath, generated_at: new Date().toISOString(), version: context.version }));
        }
        if (options.json) printJson(io, { ok: summary.ok, config_path: run.configPath, counts: summary.counts, checks: run.checks, report: reportPath });
        else {
          printLines(io, renderChecks(run.checks));
          if (reportPath) io.stderr(`wrote ${reportPath}\n`);
        }
        return summary.ok ? 0 : 1;
      }),
    );
};
