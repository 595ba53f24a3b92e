import { describe, expect, it } from 'vitest';
import { clientPaths, clientSnippet, mergeClientConfig, AGENT_INSTRUCTIONS } from '../../src/index.js';

const rel = (client: Parameters<typeof clientPaths>[0]) => clientPaths(client);

describe('client snippets (examples.md shapes)', () => {
  it('Claude Desktop and Cursor: mcpServers with stdio args incl. store and env file', () => {
    const paths = clientPaths('claude-desktop', {}, '/abs/app');
    const snippet = clientSnippet({ client: 'claude-desktop', paths });
    expect(snippet).toMatchObject({ kind: 'json' });
    expect(snippet.kind === 'json' && snippet.value).toEqual({
      mcpServers: { synapsor: { command: 'synapsor-runner', args: ['mcp', 'serve', '--config', '/abs/app/synapsor.runner.json', '--store', '/abs/app/.synapsor/local.db', '--env-file', '/abs/app/.synapsor/runner.env'] } },
    });
    const cursor = clientSnippet({ client: 'cursor', paths: rel('cursor'), aliasMode: 'openai' });
    expect(cursor.kind === 'json' && (cursor.value as any).mcpServers.synapsor.args).toEqual(['mcp', 'serve', '--config', './synapsor.runner.json', '--store', './.synapsor/local.db', '--alias-mode', 'openai', '--env-file', './.synapsor/runner.env']);
  });

  it('VS Code: servers map with stdio + http and a password prompt input', () => {
    const snippet = clientSnippet({ client: 'vscode', paths: rel('vscode') });
    expect(snippet.kind === 'json' && snippet.value).toEqual({
      inputs: [{ type: 'promptString', id: 'synapsor-token', description: 'Synapsor Runner token', password: true }],
      servers: {
        synapsor: { type: 'stdio', command: 'synapsor-runner', args: ['mcp', 'serve', '--config', '${workspaceFolder}/synapsor.runner.json', '--env-file', '${workspaceFolder}/.synapsor/runner.env'] },
        'synapsor-http': { type: 'http', url: 'http://127.0.0.1:8766/mcp', headers: { Authorization: 'Bearer ${input:synapsor-token}' } },
      },
    });
    const stdioOnly = clientSnippet({ client: 'vscode', paths: rel('vscode'), transport: 'stdio' });
    expect(stdioOnly.kind === 'json' && Object.keys(stdioOnly.value)).toEqual(['servers']);
  });

  it('generic stdio is a bare launch entry; Claude refuses HTTP', () => {
    const snippet = clientSnippet({ client: 'generic-stdio', paths: rel('generic-stdio') });
    expect(snippet.kind === 'json' && snippet.value).toEqual({ command: 'synapsor-runner', args: ['mcp', 'serve', '--config', './synapsor.runner.json', '--store', './.synapsor/local.db'] });
    expect(() => clientSnippet({ client: 'claude-desktop', paths: rel('claude-desktop'), transport: 'streamable-http' })).toThrow(expect.objectContaining({ code: 'CLIENT_TRANSPORT_UNSUPPORTED' }));
  });

  it('Cursor over HTTP references the token env by name', () => {
    const snippet = clientSnippet({ client: 'cursor', paths: rel('cursor'), transport: 'streamable-http', port: 9001, authTokenEnv: 'MY_TOKEN' });
    expect(snippet.kind === 'json' && snippet.value).toEqual({ mcpServers: { synapsor: { url: 'http://127.0.0.1:9001/mcp', headers: { Authorization: 'Bearer ${env:MY_TOKEN}' } } } });
    expect(snippet.server_command).toBe('MY_TOKEN=<random 32+ chars> synapsor-runner mcp serve-streamable-http --config ./synapsor.runner.json --port 9001 --auth-token-env MY_TOKEN');
  });

  it('OpenAI Agents: js and python programs with alias mode openai', () => {
    const js = clientSnippet({ client: 'openai-agents', paths: rel('openai-agents') });
    expect(js.kind).toBe('code');
    if (js.kind !== 'code') return;
    expect(js.text).toContain('import { Agent, run, MCPServerStdio, MCPServerStreamableHttp } from "@openai/agents";');
    expect(js.text).toContain('["mcp","serve","--config","./synapsor.runner.json","--alias-mode","openai","--env-file","./.synapsor/runner.env"]');
    expect(js.text).toContain('const server = process.env.SYNAPSOR_RUNNER_HTTP_TOKEN ? http : stdio;');
    expect(js.server_command).toContain('--alias-mode openai');
    const py = clientSnippet({ client: 'openai-agents', paths: rel('openai-agents'), language: 'python', includeInstructions: true });
    expect(py.kind === 'code' && py.text).toContain('from agents.mcp import MCPServerStdio, MCPServerStreamableHttp');
    expect(py.kind === 'code' && py.text).toContain(AGENT_INSTRUCTIONS[0]);
    const stdio = clientSnippet({ client: 'openai-agents', paths: rel('openai-agents'), transport: 'stdio' });
    expect(stdio.kind === 'code' && stdio.text).not.toContain('MCPServerStreamableHttp');
  });
});

describe('mergeClientConfig', () => {
  it('adds our server and keeps the others', () => {
    const existing = { theme: 'dark', mcpServers: { other: { command: 'x' }, synapsor: { command: 'old' } } };
    const merged = mergeClientConfig(existing, { mcpServers: { synapsor: { command: 'synapsor-runner', args: [] } } });
    expect(merged).toEqual({ theme: 'dark', mcpServers: { other: { command: 'x' }, synapsor: { command: 'synapsor-runner', args: [] } } });
    expect(existing.mcpServers.synapsor.command).toBe('old');
  });

  it('merges VS Code servers and inputs by id', () => {
    const merged = mergeClientConfig({ inputs: [{ id: 'synapsor-token', old: true }, { id: 'x' }], servers: { a: {} } }, { inputs: [{ id: 'synapsor-token' }], servers: { synapsor: {} } });
    expect(merged).toEqual({ inputs: [{ id: 'synapsor-token' }, { id: 'x' }], servers: { a: {}, synapsor: {} } });
  });

  it('refuses a file that is not an object or has a non-object map', () => {
    expect(() => mergeClientConfig([], { mcpServers: {} })).toThrow(expect.objectContaining({ code: 'CLIENT_CONFIG_INVALID' }));
    expect(() => mergeClientConfig({ mcpServers: [] }, { mcpServers: {} })).toThrow(/mcpServers/);
  });
});
