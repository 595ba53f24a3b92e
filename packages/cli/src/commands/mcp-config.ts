import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  AGENT_INSTRUCTIONS,
  clientPaths,
  clientSnippet,
  isSynapsorError,
  MCP_CLIENTS,
  type AliasMode,
  type ClientSnippet,
  type McpClient,
} from '@synapsor/core';
import type { CliContext } from '../support/command.js';
import { action } from '../support/command.js';
import { resolveConfigPath } from '../support/config-file.js';
import { usageError } from '../support/errors.js';
import { aliasModeFlag, choiceFlag, integerFlag } from '../support/flags.js';
import { ledgerPath } from '../support/ledger-session.js';
import { printJson } from '../support/output.js';
import { writeClientFile } from '../onboarding/client-file.js';

interface McpConfigFlags {
  client?: McpClient;
  transport?: 'stdio' | 'streamable-http';
  language?: 'js' | 'python';
  aliasMode?: AliasMode;
  absolutePaths?: boolean;
  host?: string;
  port?: number;
  authTokenEnv?: string;
  includeInstructions?: boolean;
  write?: boolean;
  destination?: string;
  yes?: boolean;
  config?: string;
  store?: string;
}

const clientFlag = choiceFlag<McpClient>('client', MCP_CLIENTS);

async function snippetFor(context: CliContext, client: McpClient, options: McpConfigFlags): Promise<ClientSnippet> {
  const { io } = context;
  const config = resolveConfigPath(io, options.config);
  const store = await ledgerPath(io, options).catch(() => resolve(io.cwd, '.synapsor/local.db'));
  const envFile = resolve(config, '..', '.synapsor', 'runner.env');
  const shown = (path: string) => (options.absolutePaths ? path : relative(io.cwd, path) || path);
  const paths = clientPaths(client, { config: shown(config), store: shown(store), envFile: shown(envFile) });
  try {
    return clientSnippet({
      client,
      paths,
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.language ? { language: options.language } : {}),
      ...(options.aliasMode ? { aliasMode: options.aliasMode } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.authTokenEnv ? { authTokenEnv: options.authTokenEnv } : {}),
      ...(options.includeInstructions ? { includeInstructions: true } : {}),
    });
  } catch (error) {
    if (isSynapsorError(error)) throw usageError(error.code, error.message);
    throw error;
  }
}

async function confirmWrite(context: CliContext, options: McpConfigFlags, destination: string): Promise<void> {
  if (options.yes) return;
  if (!context.io.stdinIsTty) throw usageError('CONFIRMATION_REQUIRED', '--write needs --yes without a terminal');
  const answer = await context.io.prompt(`merge the synapsor server into ${destination}? (yes/no) `);
  if (answer.trim().toLowerCase() !== 'yes') throw usageError('NOT_CONFIRMED', 'nothing written');
}

async function run(context: CliContext, options: McpConfigFlags, clientArg: string | undefined): Promise<void> {
  const { io } = context;
  if (clientArg && options.client && clientArg !== options.client) throw usageError('FLAG_CONFLICT', 'the client argument and --client disagree');
  const client = clientFlag(clientArg ?? options.client ?? 'generic-stdio');
  if (options.language && client !== 'openai-agents') throw usageError('FLAG_NOT_APPLICABLE', '--language applies to openai-agents only');
  if ((options.destination || options.yes) && !options.write) throw usageError('FLAG_NEEDS_WRITE', '--destination and --yes are used with --write');
  const snippet = await snippetFor(context, client, options);
  if (options.write) {
    if (snippet.kind !== 'json') throw usageError('WRITE_UNSUPPORTED', '--write merges JSON client files; redirect the openai-agents program to a file instead');
    if (!options.destination) throw usageError('DESTINATION_REQUIRED', '--write needs --destination <client config file>');
    const destination = resolve(io.cwd, options.destination);
    await confirmWrite(context, options, destination);
    await writeClientFile(io, destination, snippet.value);
  } else if (snippet.kind === 'json') {
    printJson(io, snippet.value);
  } else {
    io.stdout(snippet.text);
  }
  if (snippet.kind === 'json' && snippet.instructions) io.stdout(`\n# Recommended agent instructions\n${AGENT_INSTRUCTIONS.map((line) => `- ${line}`).join('\n')}\n`);
  if (snippet.server_command) io.stderr(`start the HTTP server with: ${snippet.server_command}\n`);
}

function addOptions(command: Command): Command {
  return command
    .option('--transport <transport>', 'stdio or streamable-http', choiceFlag('--transport', ['stdio', 'streamable-http'] as const))
    .option('--language <language>', 'js or python (openai-agents)', choiceFlag('--language', ['js', 'python'] as const))
    .option('--alias-mode <mode>', 'canonical, openai or both', aliasModeFlag)
    .option('--absolute-paths', 'absolute config/store/env-file paths')
    .option('--host <host>', 'HTTP host (default 127.0.0.1)')
    .option('--port <port>', 'HTTP port (default 8766)', integerFlag('--port', 1, 65535))
    .option('--auth-token-env <ENV>', 'bearer token env name (default SYNAPSOR_RUNNER_HTTP_TOKEN)')
    .option('--include-instructions', 'add the recommended agent instructions')
    .option('--write', 'merge into an existing client file (backup first)')
    .option('--destination <file>', 'client config file for --write')
    .option('--yes', 'no confirmation prompt');
}

/**
 * `mcp config [client]` and its alias `mcp client-config --client X`: print (or merge) an MCP
 * client snippet. Mounted on the `mcp` group by its owner (commands/mcp.ts).
 */
export function registerMcpConfig(mcp: Command, context: CliContext): void {
  addOptions(mcp.command('config').description('MCP client snippet: claude-desktop, cursor, vscode, generic-stdio or openai-agents').argument('[client]', MCP_CLIENTS.join(' | '))).action(
    action<McpConfigFlags>(context, async (options, args) => run(context, options, args[0])),
  );
  addOptions(mcp.command('client-config').description('alias of `mcp config`').option('--client <client>', MCP_CLIENTS.join(' | '), clientFlag)).action(
    action<McpConfigFlags>(context, async (options) => run(context, options, undefined)),
  );
}
