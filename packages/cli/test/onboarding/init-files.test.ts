import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli.js';

let work: ReturnType<typeof tempDir>;
beforeEach(() => (work = tempDir()));
afterEach(() => work.remove());

const read = (path: string) => JSON.parse(readFileSync(join(work.dir, path), 'utf8'));
const FLAGS = ['--table', 'invoices', '--tenant-column', 'tenant_id', '--conflict-column', 'updated_at', '--mode', 'review', '--patch', 'late_fee_cents=fixed:0', '--patch', 'waiver_reason=arg:reason', '--patch-bounds', 'late_fee_cents=0:10000'];

describe('init without a database', () => {
  it('writes the starter config and every companion file when no database flag is given (no TTY)', () => {
    const run = runCli(['init'], { cwd: work.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('starter');
    const config = read('synapsor.runner.json');
    expect(config.$schema).toBe('./.synapsor/synapsor.runner.schema.json');
    expect(config.capabilities.map((c: { name: string }) => c.name)).toEqual(['billing.inspect_invoice', 'billing.propose_late_fee_waiver']);
    expect(read('.synapsor/synapsor.runner.schema.json').title).toBe('synapsor.runner.json v1');
    expect(readdirSync(join(work.dir, '.synapsor/mcp')).sort()).toEqual(['claude-desktop.json', 'cursor.json', 'generic-stdio.json', 'vscode.json']);
    expect(existsSync(join(work.dir, '.synapsor/smoke-input.json'))).toBe(false);
    expect(runCli(['config', 'validate'], { cwd: work.dir }).code).toBe(0);
  });

  it('builds from flags with inferred names, args and bump', () => {
    const run = runCli(['init', ...FLAGS, '--sample-id', 'INV-3001'], { cwd: work.dir });
    expect(run.code).toBe(0);
    const [read_, proposal] = read('synapsor.runner.json').capabilities;
    expect(read_.name).toBe('invoice.inspect_invoice');
    expect(proposal.name).toBe('invoice.propose_invoice_update');
    expect(proposal.args.reason).toMatchObject({ type: 'string', max_length: 500 });
    expect(proposal.conflict_guard).toEqual({ column: 'updated_at', bump: 'now' });
    expect(read('.synapsor/smoke-input.json')).toEqual({ 'invoice.inspect_invoice': { invoice_id: 'INV-3001' } });
    const envExample = readFileSync(join(work.dir, '.env.example'), 'utf8');
    expect(envExample).toContain('SYNAPSOR_DATABASE_WRITE_URL=<');
    expect(envExample).not.toContain('://');
  });

  it('--dry-run prints the files and writes nothing', () => {
    const run = runCli(['init', ...FLAGS, '--dry-run'], { cwd: work.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- synapsor.runner.json');
    expect(run.stdout).toContain('--- .synapsor/mcp/vscode.json');
    expect(readdirSync(work.dir)).toEqual([]);
  });

  it('never overwrites without --force', () => {
    writeFileSync(join(work.dir, 'synapsor.runner.json'), '{"keep": true}');
    const run = runCli(['init', ...FLAGS], { cwd: work.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('FILE_EXISTS');
    expect(read('synapsor.runner.json')).toEqual({ keep: true });
    expect(existsSync(join(work.dir, '.env.example'))).toBe(false);
    expect(runCli(['init', ...FLAGS, '--force'], { cwd: work.dir }).code).toBe(0);
    expect(read('synapsor.runner.json').version).toBe(1);
  });

  it.each([
    [['--patch', 'late_fee_cents'], 'INVALID_FLAG_VALUE'],
    [['--patch-bounds', 'late_fee_cents=9:1'], 'INVALID_FLAG_VALUE'],
    [['--transition-guard', 'status'], 'INVALID_FLAG_VALUE'],
    [['--visible-columns', 'a,,b'], 'INVALID_FLAG_VALUE'],
    [['--tenant-column', 'a', '--tenant-key', 'b'], 'FLAG_CONFLICT'],
  ])('bad flag value %j → exit 2 with %s, nothing written', (extra, code) => {
    const run = runCli(['init', '--table', 'invoices', ...extra], { cwd: work.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(code);
    expect(readdirSync(work.dir)).toEqual([]);
  });

  it.each([['--mode', 'yolo'], ['--bump', 'later'], ['--writeback', 'ftp'], ['--handler-timeout-ms', '0'], ['--engine', 'oracle']])('commander rejects %s %s with exit 2', (flag, value) => {
    expect(runCli(['init', '--table', 'invoices', flag, value], { cwd: work.dir }).code).toBe(2);
  });

  it('refuses missing tenant column and missing patch with the reasons (exit 2)', () => {
    const run = runCli(['init', '--table', 'invoices', '--json'], { cwd: work.dir });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ ok: false, error: { code: 'TENANT_COLUMN_REQUIRED', message: expect.stringContaining('(+1 more); nothing was written') } });
    expect(readdirSync(work.dir)).toEqual([]);
  });

  it('reads --answers and --spec files; flags win; bad files exit 2', () => {
    writeFileSync(join(work.dir, 'spec.json'), JSON.stringify({ table: 'orders', tenant_key: 'tenant_id', patch: { status: { from_arg: 'next_status' } }, transition_guards: { status: { allowed: { paid: ['canceled'] } } } }));
    writeFileSync(join(work.dir, 'answers.json'), JSON.stringify({ mode: 'review', approval: { required_role: 'orders_lead' } }));
    const run = runCli(['init', '--spec', 'spec.json', '--answers', 'answers.json', '--namespace', 'shop'], { cwd: work.dir });
    expect(run.code).toBe(0);
    const proposal = read('synapsor.runner.json').capabilities[1];
    expect(proposal.name).toBe('shop.propose_order_update');
    expect(proposal.approval.required_role).toBe('orders_lead');
    expect(proposal.args.next_status).toMatchObject({ type: 'string', enum: ['canceled'] });
    writeFileSync(join(work.dir, 'bad.json'), JSON.stringify({ tabel: 'x' }));
    const bad = runCli(['init', '--answers', 'bad.json', '--force'], { cwd: work.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tabel: unknown key');
    expect(runCli(['init', '--spec', 'missing.json'], { cwd: work.dir }).code).toBe(2);
  });

  it('writes a handler template with --emit-handler and refuses it for sql_update', () => {
    expect(runCli(['init', ...FLAGS, '--emit-handler'], { cwd: work.dir }).code).toBe(2);
    const run = runCli(['init', ...FLAGS, '--writeback', 'http_handler', '--emit-handler'], { cwd: work.dir });
    expect(run.code).toBe(0);
    expect(readdirSync(join(work.dir, '.synapsor/handlers'))).toEqual(['handler.mjs']);
    expect(read('synapsor.runner.json').executors.app_writeback.type).toBe('http_handler');
  });
});

describe('recipes', () => {
  const ids = ['accounts.trial_extension', 'billing.late_fee_waiver', 'credits.account_credit', 'orders.refund_review', 'support.ticket_resolution'];

  it('lists the five recipes', () => {
    const run = runCli(['recipes', 'list', '--json'], { cwd: work.dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).recipes.map((r: { id: string }) => r.id)).toEqual(ids);
  });

  it.each(ids)('recipes init %s produces a valid config (and read_only drops the proposal)', (id) => {
    expect(runCli(['recipes', 'init', id, '--output', `${id}/synapsor.runner.json`], { cwd: work.dir }).code).toBe(0);
    expect(runCli(['config', 'validate', '--config', `${id}/synapsor.runner.json`], { cwd: work.dir }).code).toBe(0);
    expect(runCli(['recipes', 'init', id, '--mode', 'read_only', '--output', `ro/${id}.json`], { cwd: work.dir }).code).toBe(0);
    expect(read(`ro/${id}.json`).capabilities).toHaveLength(1);
  });

  it('shows a recipe and its spec works with init --spec', () => {
    const run = runCli(['recipes', 'show', 'orders.refund_review', '--json'], { cwd: work.dir });
    expect(run.code).toBe(0);
    const recipe = JSON.parse(run.stdout).recipe;
    expect(recipe.semantic_tools).toEqual(['orders.inspect_order', 'orders.propose_refund_review']);
    const raw = JSON.parse(readFileSync(new URL('../../../../recipes/orders.refund_review.json', import.meta.url), 'utf8'));
    writeFileSync(join(work.dir, 'spec.json'), JSON.stringify(raw.spec));
    expect(runCli(['init', '--spec', 'spec.json'], { cwd: work.dir }).code).toBe(0);
    expect(read('synapsor.runner.json').sources.app_mysql.engine).toBe('mysql');
  });

  it('unknown recipe → exit 2', () => {
    expect(runCli(['recipes', 'show', 'nope.nope'], { cwd: work.dir }).code).toBe(2);
    expect(runCli(['init', '--recipe', 'nope.nope'], { cwd: work.dir }).code).toBe(2);
  });
});

describe('start and onboard usage', () => {
  it('start without --from-env is a usage error', () => {
    const run = runCli(['start'], { cwd: work.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SOURCE_REQUIRED');
  });

  it('inspect without a source is a usage error; unset env is a usage error', () => {
    expect(runCli(['inspect'], { cwd: work.dir }).code).toBe(2);
    const run = runCli(['inspect', '--from-env', 'NOT_SET_ANYWHERE', '--json'], { cwd: work.dir });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.code).toBe('SOURCE_ENV_MISSING');
  });
});
