import { basename, dirname, join } from 'node:path';
import {
  clientPaths,
  clientSnippet,
  configJsonSchemaText,
  JSON_CLIENTS,
  renderEnvExample,
  smokeInputDocument,
  type InitGeneration,
} from '@synapsor/core';
import { usageError } from '../support/errors.js';
import { jsonText, type PlannedFile } from './file-plan.js';

/** Desktop clients start the server from an unknown directory: their snippets get absolute paths. */
const ABSOLUTE_CLIENTS = new Set(['claude-desktop', 'cursor']);

async function handlerFile(generation: InitGeneration, dir: string): Promise<PlannedFile> {
  const writeback = generation.resolved!.writeback;
  if (writeback === 'sql_update') throw usageError('EMIT_HANDLER_NEEDS_HANDLER', '--emit-handler needs --writeback http_handler or command_handler');
  // The templates live in the executors package; only `--emit-handler` needs it (cold start).
  const { renderHandlerTemplate } = await import('@synapsor/writeback-executors');
  const template = renderHandlerTemplate(writeback === 'http_handler' ? 'node-fastify' : 'command');
  return { path: join(dir, '.synapsor', 'handlers', basename(template.file)), content: template.content, mode: 0o755 };
}

/**
 * Every file `init` writes (cli.md): the config, its JSON Schema, `.env.example`, one snippet
 * per MCP client, the smoke input when an id is known, and the handler template on request.
 */
export async function initFiles(generation: InitGeneration, configPath: string, options: { emitHandler: boolean }): Promise<PlannedFile[]> {
  const dir = dirname(configPath);
  const files: PlannedFile[] = [
    { path: configPath, content: jsonText(generation.config) },
    { path: join(dir, '.synapsor', 'synapsor.runner.schema.json'), content: configJsonSchemaText() },
    { path: join(dir, '.env.example'), content: renderEnvExample(generation.normalized!) },
  ];
  for (const client of JSON_CLIENTS) {
    const paths = clientPaths(client, { config: basename(configPath) }, ABSOLUTE_CLIENTS.has(client) ? dir : null);
    const snippet = clientSnippet({ client, paths });
    if (snippet.kind === 'json') files.push({ path: join(dir, '.synapsor', 'mcp', `${client}.json`), content: jsonText(snippet.value) });
  }
  const smoke = smokeInputDocument(generation.resolved!);
  if (smoke) files.push({ path: join(dir, '.synapsor', 'smoke-input.json'), content: jsonText(smoke) });
  if (options.emitHandler) files.push(await handlerFile(generation, dir));
  return files;
}
