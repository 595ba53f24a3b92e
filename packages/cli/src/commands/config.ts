import { writeFile } from 'node:fs/promises';
import { generateConfigJsonSchema } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { formatIssues, loadConfig, validateConfigFile } from '../support/config-file.js';
import { printJson, printLines } from '../support/output.js';
import { redactConfig } from '../support/redact-config.js';

export const registerConfig: CommandGroup = (program, context) => {
  const { io } = context;
  const config = program.command('config').description('validate, show and describe synapsor.runner.json');

  config
    .command('validate')
    .description('check the config against the v1 schema and cross-field rules')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options) => {
        const result = await validateConfigFile(io, options.config);
        if (options.json) printJson(io, { ok: result.ok, path: result.path, errors: result.errors, warnings: result.warnings });
        else printLines(io, formatIssues(result));
        return result.ok ? 0 : 1;
      }),
    );

  config
    .command('show')
    .description('print the resolved config with defaults')
    .option('--redacted', 'mask static_dev literals')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean; redacted?: boolean }>(context, async (options) => {
        const loaded = await loadConfig(io, options.config);
        const shown = options.redacted ? redactConfig(loaded.config) : loaded.config;
        printJson(io, options.json ? { ok: true, path: loaded.path, config: shown } : shown);
      }),
    );

  config
    .command('schema')
    .description('print the generated JSON Schema of synapsor.runner.json')
    .option('--output <file>', 'write to a file instead of stdout')
    .action(
      action<{ output?: string }>(context, async (options) => {
        const text = `${JSON.stringify(generateConfigJsonSchema(), null, 2)}\n`;
        if (options.output) await writeFile(options.output, text);
        else io.stdout(text);
      }),
    );
};
