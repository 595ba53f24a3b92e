import { relative } from 'node:path';
import { nextCommands } from '@synapsor/core';
import type { CliIo } from '../support/io.js';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { printJson, printLines } from '../support/output.js';
import { addInitOptions, type InitFlags } from '../onboarding/init-flags.js';
import { relativeFiles, runInit, type InitOutcome } from '../onboarding/init-run.js';

/** Config argument for follow-up commands: omitted when it is the default path. */
export function configArgFor(io: CliIo, configPath: string): string | null {
  const rel = relative(io.cwd, configPath);
  return rel === 'synapsor.runner.json' ? null : rel;
}

export function initSummary(io: CliIo, outcome: InitOutcome, flags: InitFlags): Record<string, unknown> {
  const config = outcome.generation.normalized!;
  return {
    ok: true,
    config_path: outcome.configPath,
    dry_run: Boolean(flags.dryRun),
    starter: outcome.starter,
    inspected: outcome.inspected,
    mode: config.mode,
    tools: config.capabilities.map((capability) => ({ name: capability.name, kind: capability.kind })),
    files: relativeFiles(io, outcome),
    warnings: outcome.generation.warnings,
    next: nextCommands(config, { configArg: configArgFor(io, outcome.configPath), hasSmokeInput: outcome.generation.resolved?.sample_id != null }),
  };
}

export function initLines(summary: Record<string, unknown>): string[] {
  const tools = summary.tools as Array<{ name: string; kind: string }>;
  const warnings = summary.warnings as Array<{ path: string; code: string; message: string }>;
  return [
    `${summary.dry_run ? 'would write' : 'wrote'} ${summary.config_path} (mode ${summary.mode}${summary.starter ? ', starter: edit it for your table' : ''}${summary.inspected ? ', checked against the live table' : ''})`,
    'tools:',
    ...tools.map((tool) => `  ${tool.name} (${tool.kind})`),
    ...warnings.map((issue) => `warning ${issue.path} ${issue.code}: ${issue.message}`),
    'next:',
    ...(summary.next as string[]).map((line) => `  ${line}`),
  ];
}

export const registerInit: CommandGroup = (program, context) => {
  addInitOptions(program.command('init').description('generate synapsor.runner.json from flags, an answers/spec file or a recipe')).action(
    action<InitFlags>(context, async (options) => {
      const outcome = await runInit(context.io, options);
      const summary = initSummary(context.io, outcome, options);
      if (options.json) printJson(context.io, summary);
      else if (options.dryRun) printLines({ ...context.io, stdout: context.io.stderr }, initLines(summary));
      else printLines(context.io, initLines(summary));
    }),
  );
};
