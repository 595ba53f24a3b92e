import { inspectionDocument, renderInspection, type Engine } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { choiceFlag, collect } from '../support/flags.js';
import { printJson, printLines } from '../support/output.js';
import { inspectSource, resolveSourceTarget } from '../onboarding/source-inspection.js';

interface InspectFlags {
  fromEnv?: string;
  engine?: 'auto' | Engine;
  schema?: string[];
  json?: boolean;
}

export const registerInspect: CommandGroup = (program, context) => {
  program
    .command('inspect')
    .description('schema metadata and column suggestions (read-only, never row data)')
    .argument('[url]', 'database URL (prefer --from-env)')
    .option('--from-env <ENV>', 'env var holding the database URL')
    .option('--engine <engine>', 'auto, postgres or mysql', choiceFlag('--engine', ['auto', 'postgres', 'mysql'] as const), 'auto')
    .option('--schema <schema>', 'schema to inspect (repeatable)', collect)
    .option('--json', 'JSON output')
    .action(
      action<InspectFlags>(context, async (options, args) => {
        const target = resolveSourceTarget(context.io, { ...(options.fromEnv ? { fromEnv: options.fromEnv } : {}), ...(args[0] ? { url: args[0] } : {}), ...(options.engine ? { engine: options.engine } : {}) });
        const inspection = await inspectSource(target, options.schema ?? []);
        if (options.json) printJson(context.io, inspectionDocument(inspection));
        else printLines(context.io, renderInspection(inspection));
      }),
    );
};
