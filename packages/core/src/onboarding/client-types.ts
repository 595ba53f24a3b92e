import type { AliasMode } from '../runtime/types.js';

export const MCP_CLIENTS = ['claude-desktop', 'cursor', 'vscode', 'generic-stdio', 'openai-agents'] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];
/** Clients whose snippet is JSON that can be merged into the client's own file. */
export const JSON_CLIENTS = ['claude-desktop', 'cursor', 'vscode', 'generic-stdio'] as const;

export interface ClientPaths {
  config: string;
  store: string;
  envFile: string;
}

export interface ClientSnippetOptions {
  client: McpClient;
  /** Unset: stdio, except `openai-agents` (streamable-http) and `vscode` (both entries). */
  transport?: 'stdio' | 'streamable-http';
  language?: 'js' | 'python';
  /** Unset: canonical, except `openai-agents` (`openai`). */
  aliasMode?: AliasMode;
  /** Paths exactly as the snippet should print them (see `clientPaths`). */
  paths: ClientPaths;
  host?: string;
  port?: number;
  authTokenEnv?: string;
  includeInstructions?: boolean;
  /** Key of the server entry (`synapsor`). */
  serverName?: string;
}

export type ClientSnippet =
  | { kind: 'json'; client: McpClient; value: Record<string, unknown>; instructions: readonly string[] | null; server_command: string | null }
  | { kind: 'code'; client: McpClient; language: 'js' | 'python'; text: string; server_command: string | null };

export const HTTP_DEFAULTS = { host: '127.0.0.1', port: 8766, authTokenEnv: 'SYNAPSOR_RUNNER_HTTP_TOKEN' } as const;
