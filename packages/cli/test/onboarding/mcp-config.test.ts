import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli.js';

let work: ReturnType<typeof tempDir>;
beforeEach(() => (work = tempDir()));
afterEach(() => work.remove());

// Secret-looking env a user might have set: no snippet may ever carry these values.
const SECRET_ENV = { SYNAPSOR_DATABASE_READ_URL: 'postgres://reader:s3cret-pw@db/app', SYNAPSOR_RUNNER_HTTP_TOKEN: 'tok_abcdefghijklmnopqrstuvwxyz123456' };
const run = (args: string[]) => runCli(['mcp', 'config', ...args], { cwd: work.dir, env: SECRET_ENV });

describe('mcp config snippets', () => {
  it('Claude Desktop: mcpServers.synapsor with command + args', () => {
    const result = run(['claude-desktop', '--absolute-paths']);
    expect(result.code).toBe(0);
    const server = JSON.parse(result.stdout).mcpServers.synapsor;
    expect(server.command).toBe('synapsor-runner');
    expect(server.args).toEqual(['mcp', 'serve', '--config', join(work.dir, 'synapsor.runner.json'), '--store', join(work.dir, '.synapsor/local.db'), '--env-file', join(work.dir, '.synapsor/runner.env')]);
  });

  it('Cursor: same shape, relative paths by default; HTTP uses ${env:NAME}', () => {
    const server = JSON.parse(run(['cursor']).stdout).mcpServers.synapsor;
    expect(server.args.slice(0, 4)).toEqual(['mcp', 'serve', '--config', './synapsor.runner.json']);
    const http = run(['cursor', '--transport', 'streamable-http', '--port', '9100']);
    expect(JSON.parse(http.stdout).mcpServers.synapsor).toEqual({ url: 'http://127.0.0.1:9100/mcp', headers: { Authorization: 'Bearer ${env:SYNAPSOR_RUNNER_HTTP_TOKEN}' } });
    expect(http.stderr).toContain('mcp serve-streamable-http');
  });

  it('VS Code: servers map (type stdio / http) and a password input', () => {
    const value = JSON.parse(run(['vscode']).stdout);
    expect(value.servers.synapsor).toMatchObject({ type: 'stdio', command: 'synapsor-runner' });
    expect(value.servers['synapsor-http']).toMatchObject({ type: 'http', url: 'http://127.0.0.1:8766/mcp' });
    expect(value.inputs[0]).toMatchObject({ type: 'promptString', id: 'synapsor-token', password: true });
  });

  it('generic stdio and the alias client-config', () => {
    expect(JSON.parse(run(['generic-stdio']).stdout)).toEqual({ command: 'synapsor-runner', args: ['mcp', 'serve', '--config', './synapsor.runner.json', '--store', './.synapsor/local.db'] });
    const alias = runCli(['mcp', 'client-config', '--client', 'generic-stdio'], { cwd: work.dir });
    expect(alias.code).toBe(0);
    expect(JSON.parse(alias.stdout).command).toBe('synapsor-runner');
  });

  it('OpenAI Agents: js (default) and python programs with alias mode openai and instructions', () => {
    const js = run(['openai-agents']);
    expect(js.code).toBe(0);
    expect(js.stdout).toContain('from "@openai/agents"');
    expect(js.stdout).toContain('"--alias-mode","openai"');
    const py = run(['openai-agents', '--language', 'python', '--include-instructions']);
    expect(py.stdout).toContain('from agents.mcp import MCPServerStdio, MCPServerStreamableHttp');
    expect(py.stdout).toContain('never infer anything about other tenants');
  });

  it('never prints a URL, password or token value', () => {
    for (const client of ['claude-desktop', 'cursor', 'vscode', 'generic-stdio', 'openai-agents']) {
      const result = run([client]);
      expect(result.all).not.toContain('s3cret-pw');
      expect(result.all).not.toContain('tok_abcdefghij');
    }
  });

  it.each([
    [['nope']],
    [['claude-desktop', '--transport', 'streamable-http']],
    [['generic-stdio', '--transport', 'streamable-http']],
    [['vscode', '--language', 'python']],
    [['vscode', '--port', 'abc']],
    [['vscode', '--write']],
    [['vscode', '--write', '--destination', 'x.json']],
    [['openai-agents', '--write', '--destination', 'x.js', '--yes']],
    [['vscode', '--destination', 'x.json']],
  ])('usage error for %j (exit 2)', (args) => {
    expect(run(args).code).toBe(2);
    expect(readdirSync(work.dir)).toEqual([]);
  });
});

describe('mcp config --write', () => {
  it('merges into an existing mcpServers map after a timestamped backup', () => {
    const original = { globalShortcut: 'x', mcpServers: { other: { command: 'other-server', args: [] } } };
    writeFileSync(join(work.dir, 'claude.json'), JSON.stringify(original));
    const result = run(['claude-desktop', '--write', '--destination', 'claude.json', '--yes']);
    expect(result.code).toBe(0);
    const merged = JSON.parse(readFileSync(join(work.dir, 'claude.json'), 'utf8'));
    expect(merged.globalShortcut).toBe('x');
    expect(Object.keys(merged.mcpServers)).toEqual(['other', 'synapsor']);
    const backups = readdirSync(work.dir).filter((file) => /^claude\.json\.bak\.\d{4}-\d{2}-\d{2}T/.test(file));
    expect(backups).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(work.dir, backups[0]!), 'utf8'))).toEqual(original);
  });

  it('merges VS Code servers and creates a missing file without a backup', () => {
    writeFileSync(join(work.dir, 'mcp.json'), JSON.stringify({ servers: { mine: { type: 'stdio', command: 'x' } } }));
    expect(run(['vscode', '--write', '--destination', 'mcp.json', '--yes']).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(work.dir, 'mcp.json'), 'utf8')).servers)).toEqual(['mine', 'synapsor', 'synapsor-http']);
    expect(run(['cursor', '--write', '--destination', 'new/mcp.json', '--yes']).code).toBe(0);
    expect(readdirSync(join(work.dir, 'new'))).toEqual(['mcp.json']);
  });

  it('refuses to merge into a file that is not JSON (exit 2, untouched)', () => {
    writeFileSync(join(work.dir, 'broken.json'), '{nope');
    expect(run(['cursor', '--write', '--destination', 'broken.json', '--yes']).code).toBe(2);
    expect(readFileSync(join(work.dir, 'broken.json'), 'utf8')).toBe('{nope');
  });
});
