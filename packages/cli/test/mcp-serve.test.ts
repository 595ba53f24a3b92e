import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR, assertNoSecrets, baseEnv, runCli, startCli, tempDir } from './helpers/cli.js';

const CONFIG = join(REFERENCE_DIR, 'synapsor.runner.json');
const TOKEN = 'tok_0123456789abcdef0123456789abcdef';
const dir = tempDir();
afterAll(() => dir.remove());

function urlFrom(stderr: string): string {
  const match = /transport: \S+ (http:\/\/\S+)/.exec(stderr);
  if (!match) throw new Error(`no URL in startup lines: ${stderr}`);
  return match[1]!;
}

describe('mcp serve: startup, lease and clean exit', () => {
  it('stdio writes the lease, refuses a second server, and exits 0 on stdin close', async () => {
    const store = join(dir.path, 'stdio.db');
    const first = startCli(['mcp', 'serve', '--config', CONFIG, '--store', store], { env: baseEnv() });
    await first.waitForStderr('store: ');
    expect(first.stderr()).toContain('transport: stdio');
    expect(first.stderr()).toContain('missing env: REFERENCE_POSTGRES_READ_URL');
    const lease = JSON.parse(readFileSync(`${store}.lease.json`, 'utf8'));
    expect(lease).toMatchObject({ pid: first.child.pid, transport: 'stdio' });

    const second = await runCli(['mcp', 'serve', '--config', CONFIG, '--store', store]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('STORE_IN_USE');
    expect(second.stderr).toContain(`pid ${first.child.pid}`);

    const concurrent = startCli(['mcp', 'serve', '--config', CONFIG, '--store', store, '--allow-concurrent-store']);
    await concurrent.waitForStderr('store: ');
    concurrent.child.stdin!.end();
    expect(await concurrent.exited).toBe(0);
    expect(existsSync(`${store}.lease.json`)).toBe(true);

    first.child.stdin!.end();
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toBe('');
    expect(existsSync(`${store}.lease.json`)).toBe(false);
  });

  it('streamable HTTP serves /healthz, never prints the token, and stops on SIGTERM', async () => {
    const store = join(dir.path, 'http.db');
    const server = startCli(['mcp', 'serve-streamable-http', '--config', CONFIG, '--store', store, '--port', '0'], { env: baseEnv({ SYNAPSOR_RUNNER_HTTP_TOKEN: TOKEN }) });
    await server.waitForStderr('auth: ');
    const url = urlFrom(server.stderr());
    const health = await fetch(url.replace(/\/mcp$/, '/healthz'));
    expect(await health.json()).toMatchObject({ ok: true, transport: 'streamable-http', tools: 8 });
    const unauthorized = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(server.stderr()).toContain('auth: bearer token from env SYNAPSOR_RUNNER_HTTP_TOKEN');
    expect(readFileSync(`${store}.lease.json`, 'utf8')).toContain('"streamable-http"');
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(existsSync(`${store}.lease.json`)).toBe(false);
    assertNoSecrets(server.stderr() + server.stdout(), [TOKEN]);
  });

  it('the JSON-RPC bridge answers tools/list under --dev-no-auth and stops on SIGINT', async () => {
    const store = join(dir.path, 'bridge.db');
    const server = startCli(['mcp', 'serve', '--transport', 'http', '--dev-no-auth', '--config', CONFIG, '--store', store, '--port', '0', '--alias-mode', 'openai']);
    await server.waitForStderr('auth: ');
    expect(server.stderr()).toContain('auth: DISABLED (dev, loopback only)');
    expect(server.stderr()).toContain('not an MCP transport');
    const response = await fetch(urlFrom(server.stderr()), { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    const body = (await response.json()) as { result: { tools: Array<{ name: string }> } };
    expect(body.result.tools.map((tool) => tool.name)).toContain('billing__inspect_invoice');
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('--env-file values reach the runtime (no missing-env lines, values never printed)', async () => {
    const envFile = join(dir.path, 'runner.env');
    writeFileSync(envFile, 'REFERENCE_POSTGRES_READ_URL=postgres://reader:EnvFilePw9@127.0.0.1:1/x\nREFERENCE_POSTGRES_WRITE_URL=postgres://writer:EnvFilePw9@127.0.0.1:1/x\nSYNAPSOR_TENANT_ID=acme\nSYNAPSOR_PRINCIPAL=support.agent\n', { mode: 0o600 });
    const server = startCli(['mcp', 'serve', '--config', CONFIG, '--store', join(dir.path, 'envfile.db'), '--env-file', envFile]);
    await server.waitForStderr('store: ');
    server.child.stdin!.end();
    expect(await server.exited).toBe(0);
    expect(server.stderr()).not.toContain('missing env');
    assertNoSecrets(server.stderr() + server.stdout(), ['EnvFilePw9']);
  });

  it('a missing HTTP token refuses to start (exit 1) and leaves no lease', async () => {
    const store = join(dir.path, 'notoken.db');
    const run = await runCli(['mcp', 'serve-http', '--config', CONFIG, '--store', store, '--auth-token-env', 'MY_RUNNER_TOKEN']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP_AUTH_TOKEN_MISSING');
    expect(run.stderr).toContain('MY_RUNNER_TOKEN');
    expect(existsSync(`${store}.lease.json`)).toBe(false);
  });

  it('--dev-no-auth on a public host is refused', async () => {
    const run = await runCli(['mcp', 'serve-streamable-http', '--config', CONFIG, '--store', join(dir.path, 'public.db'), '--dev-no-auth', '--host', '0.0.0.0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP_DEV_NO_AUTH_UNSAFE_HOST');
  });
});
