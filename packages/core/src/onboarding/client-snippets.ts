import { SynapsorError } from '../errors/index.js';
import type { AliasMode } from '../runtime/types.js';
import { AGENT_INSTRUCTIONS } from './agent-instructions.js';
import { HTTP_DEFAULTS, type ClientSnippet, type ClientSnippetOptions } from './client-types.js';
import { openAiAgentsCode } from './openai-agents-snippet.js';

const RUNNER = 'synapsor-runner';
const TOKEN_INPUT = 'synapsor-token';

function aliasArgs(mode: AliasMode | undefined): string[] {
  return mode && mode !== 'canonical' ? ['--alias-mode', mode] : [];
}

function httpUrl(options: ClientSnippetOptions): string {
  return `http://${options.host ?? HTTP_DEFAULTS.host}:${options.port ?? HTTP_DEFAULTS.port}/mcp`;
}

/** How to start the HTTP server the snippet points at; the token is named, never shown. */
export function httpServerCommand(options: ClientSnippetOptions, aliasMode: AliasMode | undefined): string {
  const tokenEnv = options.authTokenEnv ?? HTTP_DEFAULTS.authTokenEnv;
  // A terminal has no ${workspaceFolder}: the server command uses the project-relative path.
  const config = options.paths.config.replace('${workspaceFolder}/', './');
  const parts = [`${tokenEnv}=<random 32+ chars>`, RUNNER, 'mcp', 'serve-streamable-http', '--config', config];
  if (options.host && options.host !== HTTP_DEFAULTS.host) parts.push('--host', options.host);
  if (options.port && options.port !== HTTP_DEFAULTS.port) parts.push('--port', String(options.port));
  if (options.authTokenEnv && options.authTokenEnv !== HTTP_DEFAULTS.authTokenEnv) parts.push('--auth-token-env', options.authTokenEnv);
  return [...parts, ...aliasArgs(aliasMode)].join(' ');
}

function refuse(message: string): never {
  throw new SynapsorError('CLIENT_TRANSPORT_UNSUPPORTED', message);
}

function stdioArgs(options: ClientSnippetOptions, withStore: boolean, withEnvFile: boolean): string[] {
  const { paths } = options;
  return [
    'mcp', 'serve', '--config', paths.config,
    ...(withStore ? ['--store', paths.store] : []),
    ...aliasArgs(options.aliasMode),
    ...(withEnvFile ? ['--env-file', paths.envFile] : []),
  ];
}

function vscode(options: ClientSnippetOptions, name: string): Record<string, unknown> {
  const stdio = options.transport !== 'streamable-http';
  const http = options.transport !== 'stdio';
  const servers: Record<string, unknown> = {};
  if (stdio) servers[name] = { type: 'stdio', command: RUNNER, args: stdioArgs(options, false, true) };
  if (http) servers[`${name}-http`] = { type: 'http', url: httpUrl(options), headers: { Authorization: `Bearer \${input:${TOKEN_INPUT}}` } };
  const inputs = http ? [{ type: 'promptString', id: TOKEN_INPUT, description: 'Synapsor Runner token', password: true }] : null;
  return inputs ? { inputs, servers } : { servers };
}

/**
 * The client configuration snippet of examples.md for one client. Snippets carry the runner
 * command, paths and env var *names* only — never a URL with credentials or a token value.
 * Throws `CLIENT_TRANSPORT_UNSUPPORTED` for a transport the client cannot use.
 */
export function clientSnippet(options: ClientSnippetOptions): ClientSnippet {
  const name = options.serverName ?? 'synapsor';
  const instructions = options.includeInstructions ? AGENT_INSTRUCTIONS : null;
  const http = options.transport === 'streamable-http';
  switch (options.client) {
    case 'claude-desktop':
      if (http) refuse('Claude Desktop reads stdio servers from its config file; use --transport stdio');
      return { kind: 'json', client: options.client, value: { mcpServers: { [name]: { command: RUNNER, args: stdioArgs(options, true, true) } } }, instructions, server_command: null };
    case 'cursor': {
      const tokenEnv = options.authTokenEnv ?? HTTP_DEFAULTS.authTokenEnv;
      const entry = http
        ? { url: httpUrl(options), headers: { Authorization: `Bearer \${env:${tokenEnv}}` } }
        : { command: RUNNER, args: stdioArgs(options, true, true) };
      return { kind: 'json', client: options.client, value: { mcpServers: { [name]: entry } }, instructions, server_command: http ? httpServerCommand(options, options.aliasMode) : null };
    }
    case 'vscode':
      return { kind: 'json', client: options.client, value: vscode(options, name), instructions, server_command: options.transport === 'stdio' ? null : httpServerCommand(options, options.aliasMode) };
    case 'generic-stdio':
      if (http) refuse('generic-stdio is a stdio launch entry; use another client snippet for HTTP');
      return { kind: 'json', client: options.client, value: { command: RUNNER, args: stdioArgs(options, true, false) }, instructions, server_command: null };
    case 'openai-agents': {
      const aliasMode = options.aliasMode ?? 'openai';
      const language = options.language ?? 'js';
      const transport = options.transport ?? 'streamable-http';
      const text = openAiAgentsCode({
        language,
        transport,
        stdioArgs: stdioArgs({ ...options, aliasMode }, false, true),
        url: httpUrl(options),
        ...(options.authTokenEnv ? { authTokenEnv: options.authTokenEnv } : {}),
        ...(options.includeInstructions ? { includeInstructions: true } : {}),
        ...(options.serverName ? { serverName: options.serverName } : {}),
      });
      return { kind: 'code', client: options.client, language, text, server_command: transport === 'streamable-http' ? httpServerCommand(options, aliasMode) : null };
    }
  }
}
