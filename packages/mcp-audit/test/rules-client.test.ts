import { describe, expect, it } from 'vitest';
import { AUDIT_FORMATS, renderAudit, runAudit, type AuditReport } from '@synapsor/mcp-audit';
import { findingKeys, memoryFiles, RENDER } from './helpers.js';

const auditClient = (config: unknown): Promise<AuditReport> =>
  runAudit({ mcpConfig: 'client.json', noSpawn: true, readFile: memoryFiles({ 'client.json': config }) });

const entry = (fields: Record<string, unknown>) => ({ mcpServers: { db: { command: 'db-mcp', ...fields } } });
const fires = async (code: string, config: unknown): Promise<boolean> =>
  (await auditClient(config)).findings.some((f) => f.code === code && f.server !== undefined);

describe('client rules', () => {
  it('CLIENT_AUTH_DISABLED: no-auth flags and --auth none', async () => {
    expect(await fires('CLIENT_AUTH_DISABLED', entry({ args: ['serve', '--no-auth'] }))).toBe(true);
    expect(await fires('CLIENT_AUTH_DISABLED', entry({ args: ['--auth=none'] }))).toBe(true);
    expect(await fires('CLIENT_AUTH_DISABLED', entry({ args: ['--auth', 'none'] }))).toBe(true);
    expect(await fires('CLIENT_AUTH_DISABLED', entry({ args: ['--auth', 'bearer', '--no-color'] }))).toBe(false);
  });

  it('CLIENT_WILDCARD_ORIGIN: * in an origin/host/CORS flag or env var', async () => {
    expect(await fires('CLIENT_WILDCARD_ORIGIN', entry({ args: ['--allowed-origins', 'https://a.example,*'] }))).toBe(true);
    expect(await fires('CLIENT_WILDCARD_ORIGIN', entry({ env: { MCP_CORS_ORIGINS: '*' } }))).toBe(true);
    expect(await fires('CLIENT_WILDCARD_ORIGIN', entry({ args: ['--allowed-origins', 'https://app.example'] }))).toBe(false);
    expect(await fires('CLIENT_WILDCARD_ORIGIN', entry({ env: { GLOB: '*' } }))).toBe(false);
  });

  it('CLIENT_PUBLIC_BIND: all-interfaces bind flags, env and URLs', async () => {
    expect(await fires('CLIENT_PUBLIC_BIND', entry({ args: ['--host', '0.0.0.0'] }))).toBe(true);
    expect(await fires('CLIENT_PUBLIC_BIND', entry({ env: { LISTEN_ADDR: '[::]:8080' } }))).toBe(true);
    expect(await fires('CLIENT_PUBLIC_BIND', { servers: { web: { url: 'http://0.0.0.0:8080/mcp', headers: { Authorization: 'Bearer ${T}' } } } })).toBe(true);
    expect(await fires('CLIENT_PUBLIC_BIND', entry({ args: ['--host', '127.0.0.1'], env: { HOSTNAME: '0.0.0.0' } }))).toBe(false);
  });

  it('CLIENT_HTTP_WITHOUT_AUTH: URL entries without Authorization or bearer reference', async () => {
    expect(await fires('CLIENT_HTTP_WITHOUT_AUTH', { mcpServers: { web: { url: 'https://mcp.example/mcp' } } })).toBe(true);
    expect(await fires('CLIENT_HTTP_WITHOUT_AUTH', { servers: { web: { type: 'sse', serverUrl: 'https://mcp.example' } } })).toBe(true);
    expect(
      await fires('CLIENT_HTTP_WITHOUT_AUTH', {
        mcp: { servers: { web: { url: 'https://mcp.example/mcp', headers: { Authorization: 'Bearer ${env:TOKEN}' } } } },
      }),
    ).toBe(false);
    expect(
      await fires('CLIENT_HTTP_WITHOUT_AUTH', { mcpServers: { web: { url: 'https://mcp.example', bearer_token_env_var: 'T' } } }),
    ).toBe(false);
    expect(await fires('CLIENT_HTTP_WITHOUT_AUTH', entry({}))).toBe(false);
  });

  it('CLIENT_INLINE_SECRET: literal database passwords, bearer tokens, sk- keys and secret-named values', async () => {
    const report = await auditClient({
      mcpServers: {
        db: {
          command: 'db-mcp',
          args: ['--api-key', 'sk-live0123456789abcdefXYZ', '--password=hunter2hunter2'],
          env: { DATABASE_URL: 'postgres://app:pw123@db.internal/app', API_TOKEN: 'literal-token-value' },
        },
        web: { url: 'https://mcp.example/mcp?api_key=abcdefghijk', headers: { Authorization: 'Bearer abcdef123456' } },
      },
    });
    const secret = report.findings.filter((f) => f.code === 'CLIENT_INLINE_SECRET');
    expect(secret.map((f) => [f.server, f.evidence.map((e) => e.path)])).toEqual([
      [
        'db',
        [
          '$.mcpServers.db.args[1]',
          '$.mcpServers.db.args[2]',
          '$.mcpServers.db.env.DATABASE_URL',
          '$.mcpServers.db.env.API_TOKEN',
        ],
      ],
      ['web', ['$.mcpServers.web.headers.Authorization', '$.mcpServers.web.url']],
    ]);
  });

  it('CLIENT_INLINE_SECRET: placeholders and short values do not count', async () => {
    const config = entry({
      args: ['--token', '${TOKEN}', '--db', 'postgres://app:${DB_PASSWORD}@db/app'],
      env: { API_TOKEN: '$API_TOKEN', SECRET_KEY: '<your-secret-here>', AUTH_TOKEN: 'short', AUTHORIZATION: 'Bearer ${T}' },
    });
    expect(await fires('CLIENT_INLINE_SECRET', config)).toBe(false);
  });

  it('two servers, one bad and one good, with noSpawn: findings only for the bad one', async () => {
    const report = await auditClient({
      mcpServers: {
        risky: { command: 'npx', args: ['db-mcp', '--no-auth', '--host', '0.0.0.0'], env: { CORS: '*' } },
        reviewed: { command: 'synapsor-runner', args: ['mcp', 'serve'], env: { DATABASE_URL: '${DATABASE_URL}' } },
      },
    });
    expect(findingKeys(report)).toEqual(['CLIENT_AUTH_DISABLED risky', 'CLIENT_WILDCARD_ORIGIN risky', 'CLIENT_PUBLIC_BIND risky']);
    expect(report.summary.servers_inspected).toBe(2);
    expect(report.summary.tools_inspected).toBe(0);
    expect(report.errors).toEqual([]);
  });

  it('never prints a secret from a client config, in any format', async () => {
    const secrets = ['pw123', 'sk-live0123456789abcdefXYZ', 'abcdef123456', 'literal-token-value', 'abcdefghijk', 'hunter2hunter2'];
    const config = {
      mcpServers: {
        db: {
          command: '/nonexistent/db-mcp',
          args: ['--api-key', secrets[1], `--password=${secrets[5]}`],
          env: { DATABASE_URL: `postgres://app:${secrets[0]}@db.internal/app`, API_TOKEN: secrets[3] },
        },
        web: { url: `https://mcp.example/mcp?api_key=${secrets[4]}`, headers: { Authorization: `Bearer ${secrets[2]}` } },
      },
    };
    // Spawning on: the failing stdio entry must not leak its arguments or env into the error either.
    const report = await runAudit({ mcpConfig: 'client.json', readFile: memoryFiles({ 'client.json': config }), timeoutMs: 5000 });
    expect(report.errors).toEqual([{ server: 'db', reason: 'could not start db-mcp: ENOENT' }]);
    for (const format of AUDIT_FORMATS) {
      const output = renderAudit(report, format, RENDER);
      for (const secret of secrets) expect(output, `${format} leaks ${secret}`).not.toContain(secret);
    }
    expect(JSON.stringify(report)).not.toMatch(/pw123|hunter2|sk-live|abcdef123456|literal-token/);
  });

  it('a malformed client entry is a usage error naming its JSON path but not its value', async () => {
    const bad = { mcpServers: { db: { command: 'db-mcp', env: { DATABASE_URL: 42, TOKEN: 'sk-live0123456789abcdef' } } } };
    await expect(auditClient(bad)).rejects.toThrow('malformed client config at $.mcpServers.db.env.DATABASE_URL: expected string, got number');
    const badArgs = { mcpServers: { db: { command: 'db-mcp', args: ['ok', { secret: 'x' }] } } };
    await expect(auditClient(badArgs)).rejects.toThrow(/at \$\.mcpServers\.db\.args\[1\]: expected string, got object/);
    const neither = { mcpServers: { db: { command: 'db-mcp' }, other: { cwd: '/tmp' } } };
    await expect(auditClient(neither)).rejects.toThrow('at $.mcpServers.other: expected "command" or "url"');
    await expect(auditClient({ tools: [] })).rejects.toThrow(/not a client config/);
  });
});
