import type { Command } from 'commander';
import { summarizeChecks } from '@synapsor/core';
import type { CliContext, CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { usageError } from '../support/errors.js';
import { printJson, printLines } from '../support/output.js';
import { addInitOptions, type InitFlags } from '../onboarding/init-flags.js';
import { runInit } from '../onboarding/init-run.js';
import { verifyGenerated } from '../onboarding/onboard-steps.js';
import { initSummary } from './init.js';

/**
 * `onboard db` / `start`: init, then config validate, boundary check, a smoke call when an id is
 * known and the env is set, and doctor (reported, never fatal); then next commands. Exit 1 when
 * validation, the boundary or the smoke call fail.
 */
async function onboard(context: CliContext, flags: InitFlags): Promise<number> {
  const { io } = context;
  const outcome = await runInit(io, flags, { quiet: Boolean(flags.json) });
  const summary = initSummary(io, outcome, flags);
  if (flags.dryRun) {
    if (flags.json) printJson(io, summary);
    return 0;
  }
  const steps = await verifyGenerated(io, outcome);
  const failed = steps.validation.ok === false || !steps.boundary.ok || steps.smoke?.ok === false;
  if (flags.json) {
    printJson(io, { ...summary, ok: !failed, validation: steps.validation, boundary: steps.boundary, smoke: steps.smoke, doctor: { ...summarizeChecks(steps.doctor), checks: steps.doctor } });
  } else {
    printLines(io, steps.lines);
    printLines(io, ['next:', ...(summary.next as string[]).map((line) => `  ${line}`)]);
  }
  return failed ? 1 : 0;
}

function onboardCommand(command: Command, context: CliContext, requireSource: boolean): void {
  addInitOptions(command).action(
    action<InitFlags>(context, async (options) => {
      if (requireSource && !options.fromEnv) throw usageError('SOURCE_REQUIRED', 'start needs --from-env ENV (the env var holding your database URL)');
      return onboard(context, options);
    }),
  );
}

export const registerOnboard: CommandGroup = (program, context) => {
  const group = program.command('onboard').description('connect your own database');
  onboardCommand(group.command('db').description('init + validate + boundary + smoke call + doctor, then next commands'), context, false);
  onboardCommand(program.command('start').description('alias of `onboard db --from-env ENV …`'), context, true);
};
