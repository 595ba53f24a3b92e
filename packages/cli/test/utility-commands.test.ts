import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { json, runCli, tempDir } from './helpers/ledger-cli.js';

const REFERENCE = new URL('../../../examples/reference-support-billing-app/synapsor.runner.json', import.meta.url);
let tmp: ReturnType<typeof tempDir>;
let configPath: string;

beforeAll(() => {
  tmp = tempDir();
  configPath = join(tmp.dir, 'synapsor.runner.json');
  writeFileSync(configPath, readFileSync(REFERENCE));
});
afterAll(() => tmp.cleanup());

describe('writeback migration', () => {
  it('prints the PostgreSQL receipts DDL, schema-qualified with --schema', async () => {
    const result = await runCli(['writeback', 'migration', '--engine', 'postgres', '--schema', 'ops']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^create table if not exists "ops"\."synapsor_writeback_receipts"/i);
    expect(result.stdout.trimEnd().endsWith(';')).toBe(true);
  });

  it('prints the MySQL DDL with ENGINE=InnoDB', async () => {
    const result = await runCli(['writeback', 'migration', '--engine', 'mysql']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS `synapsor_writeback_receipts`');
    expect(result.stdout).toContain('ENGINE=InnoDB;');
  });

  it.each([[[]], [['--engine', 'oracle']], [['--engine', 'postgres', '--schema', 'bad schema;']]])('bad flags %j → exit 2', async (flags) => {
    expect((await runCli(['writeback', 'migration', ...flags])).code).toBe(2);
  });
});

describe('writeback grants', () => {
  it('PostgreSQL: reader SELECT on read columns; writer column UPDATE on allowed + bump columns; receipts rights', async () => {
    const result = await runCli(['--config', configPath, 'writeback', 'grants', '--engine', 'postgres', '--writer-role', 'syn_writer', '--reader-role', 'syn_reader']);
    expect(result.code).toBe(0);
    const sql = result.stdout;
    expect(sql).toMatch(/GRANT SELECT \([^)]*"late_fee_cents"[^)]*\) ON "public"\."invoices" TO "syn_reader"/);
    expect(sql).toContain('GRANT UPDATE ("late_fee_cents", "waiver_reason", "updated_at") ON "public"."invoices" TO "syn_writer"');
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE ON "synapsor_writeback_receipts" TO "syn_writer"');
    expect(sql).not.toMatch(/GRANT UPDATE[^;]*TO "syn_reader"/);
    // The writer reads only the guard columns, not everything the reader reads.
    expect(sql).toContain('GRANT SELECT ("id", "tenant_id", "updated_at") ON "public"."invoices" TO "syn_writer";');
    expect(sql.trimEnd().split('\n').filter((line) => !line.startsWith('--')).every((line) => line.endsWith(';'))).toBe(true);
  });

  it('MySQL without --reader-role prints the writer grants only', async () => {
    const config = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { sources: Record<string, { engine: string }> };
    for (const source of Object.values(config.sources)) source.engine = 'mysql';
    const mysqlConfig = join(tmp.dir, 'mysql.runner.json');
    writeFileSync(mysqlConfig, JSON.stringify(config));
    const result = await runCli(['--config', mysqlConfig, 'writeback', 'grants', '--engine', 'mysql', '--writer-role', 'w@%']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("GRANT SELECT (`id`, `tenant_id`, `updated_at`) ON `public`.`invoices` TO 'w'@'%';");
    expect(result.stdout).toContain("GRANT UPDATE (`late_fee_cents`, `waiver_reason`, `updated_at`) ON `public`.`invoices` TO 'w'@'%';");
    expect(result.stdout).not.toContain('-- reader');
  });

  it('MySQL output names both accounts', async () => {
    const result = await runCli(['--config', configPath, 'writeback', 'grants', '--engine', 'mysql', '--writer-role', 'w', '--reader-role', 'r']);
    expect(result.code).toBe(1); // the reference config has no mysql source
    expect(result.stderr).toContain('NO_TARGETS');
  });

  it.each([
    [['--engine', 'postgres']],
    [['--engine', 'db2', '--writer-role', 'w']],
    [['--engine', 'postgres', '--writer-role', 'bad role']],
  ])('bad flags %j → exit 2', async (flags) => {
    expect((await runCli(['--config', configPath, 'writeback', 'grants', ...flags])).code).toBe(2);
  });

  it('a missing config is a usage error', async () => {
    const result = await runCli(['--config', join(tmp.dir, 'missing.json'), 'writeback', 'grants', '--engine', 'postgres', '--writer-role', 'w']);
    expect(result.code).toBe(2);
  });
});

describe('writeback doctor (env only)', () => {
  it('names env vars set/missing, never values; exit 1 on a missing writer URL', async () => {
    const missing = await runCli(['--config', configPath, 'writeback', 'doctor', '--json']);
    expect(missing.code).toBe(1);
    const body = json<{ ok: boolean; checks: Array<{ id: string; status: string; message: string }> }>(missing);
    expect(body.checks.find((c) => c.id === 'write_url_env')).toMatchObject({ status: 'fail', message: expect.stringContaining('missing: REFERENCE_POSTGRES_WRITE_URL') });

    const same = 'postgres://reader:very-secret-pw@127.0.0.1:1/app';
    const shared = await runCli(['--config', configPath, 'writeback', 'doctor'], { env: { REFERENCE_POSTGRES_READ_URL: same, REFERENCE_POSTGRES_WRITE_URL: same } });
    expect(shared.code).toBe(1);
    expect(shared.stdout).toMatch(/FAIL credential_split/);
    expect(shared.stdout).not.toContain('very-secret-pw');
  });
});

describe('handler template', () => {
  it('--list names every template', async () => {
    const result = await runCli(['handler', 'template', '--list', '--json']);
    expect(json<{ templates: Array<{ name: string }> }>(result).templates.map((t) => t.name)).toEqual(['node-fastify', 'python-fastapi', 'command']);
  });

  it('prints a template, writes it with --output, refuses to overwrite without --force', async () => {
    const printed = await runCli(['handler', 'template', 'python-fastapi']);
    expect(printed.code).toBe(0);
    expect(printed.stdout.length).toBeGreaterThan(100);
    const out = join(tmp.dir, 'handler.mjs');
    expect((await runCli(['handler', 'template', 'node-fastify', '--output', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(100);
    expect((await runCli(['handler', 'template', 'command', '--output', out])).code).toBe(2);
    expect((await runCli(['handler', 'template', 'command', '--output', out, '--force'])).code).toBe(0);
  });

  it.each([[[]], [['cobol']]])('%j → exit 2', async (args) => {
    expect((await runCli(['handler', 'template', ...args])).code).toBe(2);
  });
});

describe('audit', () => {
  it('--example dangerous-db-mcp --format sarif --fail-on high → exit 1 and valid SARIF', async () => {
    const result = await runCli(['audit', '--example', 'dangerous-db-mcp', '--format', 'sarif', '--fail-on', 'high']);
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; level: string }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.some((r) => r.ruleId === 'GENERIC_SQL_TOOL' && r.level === 'error')).toBe(true);
  });

  it('the example file gives the same findings as the built-in example; mcp audit is an alias', async () => {
    const file = new URL('../../../examples/dangerous-mcp-tools.json', import.meta.url).pathname;
    const codes = async (...args: string[]) => json<{ findings: Array<{ code: string; tool?: string }> }>(await runCli([...args, '--json'])).findings.map((f) => `${f.tool}:${f.code}`);
    const builtIn = await codes('audit', '--example', 'dangerous-db-mcp');
    expect(await codes('audit', file)).toEqual(builtIn);
    expect(await codes('mcp', 'audit', '--example', 'dangerous-db-mcp')).toEqual(builtIn);
  });

  it('the runner reference config has no HIGH finding; --fail-on high exits 0; --output writes markdown', async () => {
    const out = join(tmp.dir, 'audit.md');
    const result = await runCli(['audit', configPath, '--format', 'markdown', '--fail-on', 'high', '--output', out]);
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('This is a static risk review, not proof that an MCP server is secure.');
  });

  it.each([
    [['audit']],
    [['audit', '--example', 'dangerous-db-mcp', '--url', 'http://127.0.0.1:1/mcp']],
    [['audit', '--example', 'nope']],
    [['audit', '--example', 'dangerous-db-mcp', '--format', 'html']],
    [['audit', '--example', 'dangerous-db-mcp', '--fail-on', 'critical']],
    [['audit', '--example', 'dangerous-db-mcp', '--json', '--format', 'text']],
    [['audit', 'does-not-exist.json']],
  ])('%j → exit 2', async (args) => {
    expect((await runCli(args)).code).toBe(2);
  });
});

/** Real PostgreSQL: `--check-db` probes, the printed migration applied as-is. Scratch schema, dropped after. */
describe('writeback doctor --check-db (PostgreSQL)', () => {
  const base = process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `syn_cli_${randomBytes(4).toString('hex')}`;
  let client: pg.Client | null = null;

  beforeAll(async () => {
    const candidate = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
    try {
      await candidate.connect();
    } catch {
      if (process.env.CI === 'true') throw new Error('PostgreSQL unreachable: run `bash .ci/ensure-databases`');
      console.warn('!!! PostgreSQL unreachable: skipping writeback doctor --check-db tests');
      return;
    }
    client = candidate;
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`CREATE TABLE ${schema}.invoices (id text PRIMARY KEY, tenant_id text NOT NULL, status text, late_fee_cents int, waiver_reason text, updated_at timestamptz NOT NULL DEFAULT now())`);
  });
  afterAll(async () => {
    if (!client) return;
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('fails on a missing receipts table, passes after applying `writeback migration`', async (ctx) => {
    if (!client) return ctx.skip();
    const config = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { sources: Record<string, Record<string, unknown>>; capabilities: Array<Record<string, unknown>> };
    config.sources.app_postgres!.receipts_schema = schema;
    config.capabilities = config.capabilities.filter((c) => (c.target as { table: string }).table === 'invoices').map((c) => ({ ...c, target: { ...(c.target as object), schema } }));
    const path = join(tmp.dir, 'pg.runner.json');
    writeFileSync(path, JSON.stringify(config));
    const env = {
      REFERENCE_POSTGRES_READ_URL: `${base.replace('postgres://postgres@', 'postgres://postgres:read-pw-secret@')}?application_name=reader`,
      REFERENCE_POSTGRES_WRITE_URL: `${base.replace('postgres://postgres@', 'postgres://postgres:write-pw-secret@')}?application_name=writer`,
    };
    const before = await runCli(['--config', path, 'writeback', 'doctor', '--check-db', '--json'], { env });
    expect(before.code).toBe(1);
    const failing = json<{ checks: Array<{ id: string; status: string }> }>(before).checks;
    expect(failing.find((c) => c.id === 'receipts_table')?.status).toBe('fail');
    expect(failing.filter((c) => c.id === 'writeback_probe').every((c) => c.status === 'pass')).toBe(true);

    const ddl = await runCli(['writeback', 'migration', '--engine', 'postgres', '--schema', schema]);
    await client.query(ddl.stdout);
    const after = await runCli(['--config', path, 'writeback', 'doctor', '--check-db'], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/PASS receipts_table/);
    for (const secret of ['read-pw-secret', 'write-pw-secret']) expect(after.stdout + after.stderr + before.stdout).not.toContain(secret);
  });
});
