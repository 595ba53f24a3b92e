import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli.js';
import { PG_URL, pgProbe, pgScratch, reachable, withUrl, type PgScratch } from './databases.js';

const available = await reachable('PostgreSQL', pgProbe);
let db: PgScratch;
let work: ReturnType<typeof tempDir>;

beforeAll(async () => {
  if (available) db = await pgScratch();
});
afterAll(async () => {
  if (available) await db.drop();
});
beforeEach(() => (work = tempDir()));
afterEach(() => work.remove());

// Under trust auth any password is accepted, so "wrong credentials" use an unknown role (SQLSTATE
// 28000, reported as authentication failed) and still carry a password that must never be printed.
const PASSWORD = 'Pa55-never-print-me';
const env = (extra: Record<string, string | undefined> = {}) => ({
  DATABASE_URL: PG_URL,
  SYNAPSOR_DATABASE_READ_URL: PG_URL,
  SYNAPSOR_DATABASE_WRITE_URL: withUrl(PG_URL, {}) + (PG_URL.includes('?') ? '&' : '?') + 'application_name=writer',
  SYNAPSOR_TENANT_ID: 'acme',
  SYNAPSOR_PRINCIPAL: 'support.agent',
  ...extra,
});
const cli = (args: string[], extra: Record<string, string | undefined> = {}) => runCli(args, { cwd: work.dir, env: env(extra) });
const invoiceInit = () => ['init', '--from-env', 'DATABASE_URL', '--schema', db.schema, '--table', 'invoices', '--mode', 'review', '--namespace', 'billing', '--object-name', 'invoice', '--proposal-tool', 'billing.propose_late_fee_waiver', '--patch', 'late_fee_cents=fixed:0', '--patch', 'waiver_reason=arg:reason', '--patch-bounds', 'late_fee_cents=0:10000', '--approval-role', 'billing_lead', '--sample-id', 'INV-3001', '--visible-columns', 'id,tenant_id,customer_id,status,balance_cents,late_fee_cents,waiver_reason,updated_at'];

describe.runIf(available)('onboarding on real PostgreSQL', () => {
  it('inspect renders tables, suggestions and JSON; never row data', () => {
    const human = cli(['inspect', '--from-env', 'DATABASE_URL', '--schema', db.schema]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${db.schema}.invoices (table)  primary key: id`);
    expect(human.stdout).toContain('sensitive (hidden by default): password_hash');
    expect(human.stdout).toContain(`${db.schema}.invoice_summaries (view)`);
    expect(human.stdout).not.toContain('INV-3001');
    const json = JSON.parse(cli(['inspect', '--from-env', 'DATABASE_URL', '--schema', db.schema, '--json']).stdout);
    const invoices = json.tables.find((t: { name: string }) => t.name === 'invoices');
    expect(invoices.suggested).toMatchObject({ tenant_column: 'tenant_id', conflict_column: 'updated_at', sensitive_columns: ['password_hash'] });
  });

  it('inspect with bad credentials: safe category, exit 1, no password or URL echoed', () => {
    const bad = withUrl(PG_URL, { user: 'no_such_role_ob', password: PASSWORD });
    const viaEnv = cli(['inspect', '--from-env', 'BAD_URL'], { BAD_URL: bad });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stderr).toContain('authentication failed');
    const inline = cli(['inspect', bad, '--json']);
    expect(inline.code).toBe(1);
    expect(JSON.parse(inline.stdout).error.message).toBe('inspection failed: authentication failed');
    expect(inline.stderr).toContain('tip: put the URL in an env var');
    for (const output of [viaEnv.all, inline.all]) {
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain('no_such_role_ob');
    }
  });

  it('init from flags → config validate → smoke call and propose through the runtime', () => {
    const init = cli(invoiceInit());
    expect(init.code).toBe(0);
    expect(cli(['config', 'validate']).code).toBe(0);
    const smoke = cli(['smoke', 'call', 'billing.inspect_invoice', '--sample', '--json']);
    expect(smoke.code).toBe(0);
    const read = JSON.parse(smoke.stdout);
    expect(read.envelope.ok).toBe(true);
    expect(read.envelope.data).toMatchObject({ id: 'INV-3001', late_fee_cents: 5500 });
    expect(read.envelope.data).not.toHaveProperty('password_hash');
    const other = cli(['smoke', 'call', 'billing.inspect_invoice', '--input-json', '{"invoice_id":"INV-9001"}', '--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).envelope.error.code).toBe('NOT_FOUND_IN_TENANT');
    const propose = cli(['propose', 'billing.propose_late_fee_waiver', '--input-json', '{"invoice_id":"INV-3001","reason":"first late payment"}', '--json']);
    expect(propose.code).toBe(0);
    expect(JSON.parse(propose.stdout).envelope.ok).toBe(true);
  });

  it.each([
    [['--visible-columns', 'id,tenant_id,nope'], 'COLUMN_NOT_FOUND', 'visible column nope does not exist'],
    [['--visible-columns', 'id,tenant_id,password_hash,late_fee_cents,waiver_reason'], 'SENSITIVE_COLUMN', 'password_hash looks sensitive'],
  ])('init refuses %j with %s (exit 2, nothing written)', (extra, code, reason) => {
    const args = invoiceInit().filter((_, i, all) => all[i - 1] !== '--visible-columns' && all[i] !== '--visible-columns');
    const run = cli([...args, ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(code);
    expect(run.stderr).toContain(reason);
    expect(readdirSync(work.dir)).toEqual([]);
  });

  it('init refuses a view as proposal target but not with --allow-sensitive for a sensitive column', () => {
    const view = cli(['init', '--from-env', 'DATABASE_URL', '--schema', db.schema, '--table', 'invoice_summaries', '--tenant-column', 'tenant_id', '--primary-key', 'id', '--patch', 'status=fixed:x']);
    expect(view.code).toBe(2);
    expect(view.stderr).toContain('VIEW_AS_PROPOSAL_TARGET');
    const allowed = cli([...invoiceInit().slice(0, -2), '--visible-columns', 'id,tenant_id,password_hash,late_fee_cents,waiver_reason', '--allow-sensitive']);
    expect(allowed.code).toBe(0);
  });

  it('doctor: unset env, bad credentials and a missing column each fail with a fix; the password never printed', () => {
    expect(cli(invoiceInit()).code).toBe(0);
    const healthy = cli(['doctor', '--json', '--allow-shared-credential']);
    const ok = JSON.parse(healthy.stdout);
    expect(ok.checks.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);
    expect(healthy.code).toBe(0);

    const unset = JSON.parse(cli(['doctor', '--json'], { DATABASE_URL: undefined }).stdout);
    expect(unset.checks.find((c: { id: string }) => c.id === 'read_url_env')).toMatchObject({ status: 'fail', fix: expect.stringContaining('DATABASE_URL') });

    const badRun = cli(['doctor', '--json'], { DATABASE_URL: withUrl(PG_URL, { user: 'no_such_role_ob', password: PASSWORD }) });
    expect(badRun.code).toBe(1);
    expect(badRun.all).not.toContain(PASSWORD);
    const bad = JSON.parse(badRun.stdout);
    expect(bad.checks.find((c: { id: string }) => c.id === 'reader_connection')).toMatchObject({ status: 'fail', message: expect.stringContaining('authentication failed'), fix: expect.any(String) });

    // Drift after init: the column disappears from the table.
    const config = JSON.parse(readFileSync(join(work.dir, 'synapsor.runner.json'), 'utf8'));
    config.capabilities[0].visible_columns.push('ghost_column');
    writeFileSync(join(work.dir, 'synapsor.runner.json'), JSON.stringify(config));
    const missing = JSON.parse(cli(['doctor', '--json', '--allow-shared-credential']).stdout);
    expect(missing.checks.find((c: { id: string }) => c.id === 'columns')).toMatchObject({ status: 'fail', message: expect.stringContaining('ghost_column'), fix: expect.any(String) });

    const report = cli(['doctor', '--report', '--output', 'doctor.md'], { DATABASE_URL: withUrl(PG_URL, { user: 'no_such_role_ob', password: PASSWORD }) });
    expect(report.code).toBe(1);
    const md = readFileSync(join(work.dir, 'doctor.md'), 'utf8');
    expect(md).toContain('| fail | `reader_connection` |');
    expect(md).not.toContain(PASSWORD);
    expect(md).not.toContain('postgres://');
  });

  it('doctor --check-writeback probes the writer and rolls back', () => {
    expect(cli(invoiceInit()).code).toBe(0);
    // The reference schema holds the receipts table; point the writer's search_path at it.
    const writer = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${db.schema}`)}`;
    const run = JSON.parse(cli(['doctor', '--json', '--check-writeback'], { SYNAPSOR_DATABASE_WRITE_URL: writer }).stdout);
    expect(run.checks.filter((c: { id: string }) => c.id === 'writeback_probe').map((c: { status: string }) => c.status)).toEqual(['pass', 'pass', 'pass']);
    expect(run.checks.find((c: { id: string }) => c.id === 'receipts_table').status).toBe('pass');
  });

  it('onboard db runs init, validate, boundary, smoke and doctor; up prints the checklist', () => {
    const run = cli(['onboard', 'db', ...invoiceInit().slice(1), '--json']);
    const result = JSON.parse(run.stdout);
    expect(run.code).toBe(0);
    expect(result).toMatchObject({ ok: true, validation: { ok: true }, boundary: { ok: true }, smoke: { ok: true, capability: 'billing.inspect_invoice' } });
    expect(result.doctor.checks.length).toBeGreaterThan(10);
    expect(existsSync(join(work.dir, '.synapsor/smoke-input.json'))).toBe(true);
    const up = cli(['up', '--alias-mode', 'openai']);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('billing__inspect_invoice → billing.inspect_invoice (read)');
    expect(up.stdout).toContain('SYNAPSOR_TENANT_ID set');
    const notReady = cli(['up', '--json'], { SYNAPSOR_TENANT_ID: undefined });
    expect(notReady.code).toBe(1);
    expect(JSON.parse(notReady.stdout).env.find((e: { name: string }) => e.name === 'SYNAPSOR_TENANT_ID').status).toBe('missing');
    expect(cli(['up', '--serve', '--transport', 'stdio']).code).toBe(2);
  });
});
