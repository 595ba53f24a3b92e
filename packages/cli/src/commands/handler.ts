import { existsSync } from 'node:fs';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { usageError } from '../support/errors.js';
import { printJson, printLines } from '../support/output.js';
import { emit } from '../support/record-commands.js';
import { textTable } from '../support/record-format.js';

/** `handler template`: app-owned writeback handler templates (writeback.md handler helper). */
export const registerHandler: CommandGroup = (program, context) => {
  const { io } = context;
  const handler = program.command('handler').description('app-owned writeback handler templates');
  handler
    .command('template')
    .description('print or write a handler template (node-fastify, python-fastapi, command)')
    .argument('[name]', 'template name')
    .option('--list', 'list the templates')
    .option('--output <file>', 'write to a file instead of stdout')
    .option('--force', 'overwrite an existing --output file')
    .option('--json', 'JSON output (with --list)')
    .action(
      action<{ list?: boolean; output?: string; force?: boolean; json?: boolean }>(context, async (options, [name]) => {
        // The executors package holds the templates; loaded by this command only (cold start).
        const { listHandlerTemplates, renderHandlerTemplate } = await import('@synapsor/writeback-executors');
        const templates = listHandlerTemplates();
        if (options.list) {
          if (options.json) return printJson(io, { ok: true, templates });
          return printLines(io, textTable(['name', 'file', 'description'], templates.map((t) => [t.name, t.file, t.description])));
        }
        const names = templates.map((t) => t.name).join(', ');
        if (!name) throw usageError('HANDLER_TEMPLATE_REQUIRED', `name a template (${names}) or pass --list`);
        if (!templates.some((t) => t.name === name)) throw usageError('HANDLER_TEMPLATE_UNKNOWN', `unknown template ${name}; choose one of ${names}`);
        if (options.output && existsSync(options.output) && !options.force) {
          throw usageError('OUTPUT_EXISTS', `${options.output} exists; pass --force to overwrite`);
        }
        await emit(context, renderHandlerTemplate(name).content, options.output);
      }),
    );
};
