import { describe, expect, it } from 'vitest';
import {
  doctorProbesFor,
  writebackDoctorChecks,
  writebackProbesFor,
  envDoctorChecks,
  generateInitConfig,
  handlerReachableCheck,
  ledgerCheck,
  orderChecks,
  renderDoctorMarkdown,
  renderEnvExample,
  sensitiveColumnsCheck,
  skippedProbeChecks,
  summarizeChecks,
  toolBoundaryCheck,
  validateConfig,
  type RunnerConfig,
} from '../../src/index.js';
import { invoiceInspection, WAIVER_FLAGS } from './fixtures.js';

function config(extra: Record<string, unknown> = {}): RunnerConfig {
  const generated = generateInitConfig({ ...WAIVER_FLAGS, ...extra }, { inspection: invoiceInspection() });
  const validation = validateConfig(generated.config);
  if (!validation.config) throw new Error(JSON.stringify(generated.refusals));
  return validation.config;
}

const ENV_OK = { SYNAPSOR_DATABASE_READ_URL: 'r', SYNAPSOR_DATABASE_WRITE_URL: 'w', SYNAPSOR_TENANT_ID: 'acme', SYNAPSOR_PRINCIPAL: 'p' };

describe('doctor env checks', () => {
  it('passes with every env set and distinct credentials', () => {
    const checks = envDoctorChecks(config(), ENV_OK, { allowSharedCredential: false });
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['trusted_context_env', 'pass'], ['read_url_env', 'pass'], ['write_url_env', 'pass'], ['credential_split', 'pass'], ['executor_env', 'skip'], ['handler_signing', 'skip'],
    ]);
  });

  it('fails a missing env by name with a fix, never showing values', () => {
    const env = { ...ENV_OK, SYNAPSOR_DATABASE_READ_URL: undefined, SYNAPSOR_DATABASE_WRITE_URL: 'same' };
    const [, read] = envDoctorChecks(config(), env, { allowSharedCredential: false });
    expect(read).toMatchObject({ id: 'read_url_env', status: 'fail', message: 'read URL env missing: SYNAPSOR_DATABASE_READ_URL (sources.app_postgres)' });
    expect(read!.fix).toContain('--env-file');
  });

  it('fails a shared credential unless allowed, comparing values without printing them', () => {
    const env = { ...ENV_OK, SYNAPSOR_DATABASE_WRITE_URL: 'r' };
    const failing = envDoctorChecks(config(), env, { allowSharedCredential: false }).find((c) => c.id === 'credential_split')!;
    expect(failing.status).toBe('fail');
    expect(JSON.stringify(failing)).not.toContain('"r"');
    expect(envDoctorChecks(config(), env, { allowSharedCredential: true }).find((c) => c.id === 'credential_split')!.status).toBe('warn');
  });

  it('checks handler env and warns about unsigned handlers', () => {
    const c = config({ writeback: 'http_handler' });
    const unsigned = { ...c, executors: { app_writeback: { ...(c.executors!.app_writeback as any), signing_secret_env: undefined } } } as RunnerConfig;
    const checks = envDoctorChecks(unsigned, ENV_OK, { allowSharedCredential: false });
    expect(checks.find((x) => x.id === 'executor_env')).toMatchObject({ status: 'fail' });
    expect(checks.find((x) => x.id === 'handler_signing')).toMatchObject({ status: 'warn' });
    expect(checks.find((x) => x.id === 'write_url_env')).toMatchObject({ status: 'skip' });
  });
});

describe('writeback doctor subset', () => {
  it('is the mode check plus the same writeback env checks doctor runs', () => {
    const env = { SYNAPSOR_DATABASE_READ_URL: 'r' };
    const subset = writebackDoctorChecks(config(), env, { allowSharedCredential: false });
    const full = envDoctorChecks(config(), env, { allowSharedCredential: false });
    expect(subset[0]).toMatchObject({ id: 'mode', status: 'pass' });
    expect(subset.slice(1)).toEqual(full.filter((check) => !['trusted_context_env', 'read_url_env'].includes(check.id)));
    expect(subset.find((check) => check.id === 'write_url_env')).toMatchObject({ status: 'fail', message: expect.stringContaining('SYNAPSOR_DATABASE_WRITE_URL') });
    expect(writebackDoctorChecks(config({ mode: 'shadow' }), env, { allowSharedCredential: false })[0]).toMatchObject({ id: 'mode', status: 'skip' });
  });

  it('probes the writer whenever its URL is set, even without the reader URL', () => {
    const probes = writebackProbesFor(config(), { SYNAPSOR_DATABASE_WRITE_URL: 'w' });
    expect(probes.app_postgres!.map((p) => (p.kind === 'writable_column' ? p.column : p.kind))).toEqual(['writer', 'receipts_table', 'late_fee_cents', 'waiver_reason', 'updated_at']);
    expect(writebackProbesFor(config(), { SYNAPSOR_DATABASE_READ_URL: 'r' })).toEqual({});
    expect(writebackProbesFor(config({ mode: 'shadow' }), ENV_OK)).toEqual({});
  });
});

describe('doctor probes and assembly', () => {
  it('probes reader and targets; writer probes only with --check-writeback and a writer env', () => {
    const probes = doctorProbesFor(config(), ENV_OK, { checkWriteback: false });
    expect(probes.app_postgres!.map((p) => p.kind)).toEqual(['reader', 'target_object']);
    const target = probes.app_postgres![1] as any;
    expect(target.must_be_table).toBe(true);
    expect(target.columns).toEqual(expect.arrayContaining(['id', 'tenant_id', 'late_fee_cents', 'updated_at']));
    const full = doctorProbesFor(config(), ENV_OK, { checkWriteback: true }).app_postgres!;
    expect(full.map((p) => (p.kind === 'writable_column' ? p.column : p.kind))).toEqual(['reader', 'writer', 'receipts_table', 'target_object', 'late_fee_cents', 'waiver_reason', 'updated_at']);
    expect(doctorProbesFor(config(), {}, { checkWriteback: true })).toEqual({});
  });

  it('reports sensitive columns from the inspection', () => {
    expect(sensitiveColumnsCheck(config(), { app_postgres: null }).status).toBe('skip');
    // generateInitConfig refuses password_hash without allowSensitive, so build with it allowed.
    const allowed = validateConfig(generateInitConfig({ ...WAIVER_FLAGS, visible_columns: ['id', 'password_hash', 'late_fee_cents', 'waiver_reason'] }, { inspection: invoiceInspection(), allowSensitive: true }).config).config!;
    expect(sensitiveColumnsCheck(allowed, { app_postgres: invoiceInspection() })).toMatchObject({ status: 'warn', message: expect.stringContaining('password_hash') });
    expect(sensitiveColumnsCheck(config(), { app_postgres: invoiceInspection() }).status).toBe('pass');
  });

  it('orders checks by cli.md id order and fills skipped probe ids', () => {
    const checks = orderChecks([
      ledgerCheck('/x.db', { schema_version: 3, chain_head_seq: 7, chain_ok: true, lease: null }),
      toolBoundaryCheck([{ id: 'a', status: 'fail', message: 'tool named like an approval: x.approve' }]),
      ...skippedProbeChecks([], false),
      handlerReachableCheck(null),
    ]);
    expect(checks.map((c) => c.id)).toEqual(['reader_privileges', 'target_objects', 'columns', 'receipts_table', 'writeback_probe', 'handler_reachable', 'tool_boundary', 'ledger']);
    expect(checks.find((c) => c.id === 'tool_boundary')!.status).toBe('fail');
    expect(summarizeChecks(checks)).toEqual({ ok: false, counts: { pass: 1, warn: 0, fail: 1, skip: 6 } });
    expect(handlerReachableCheck({ api: 'no_answer' }).status).toBe('fail');
    expect(ledgerCheck('/x.db', { error: 'store is corrupt' }).status).toBe('fail');
  });

  it('renders a markdown report that masks URL- and token-like text', () => {
    const md = renderDoctorMarkdown(
      [{ id: 'read_url_env', status: 'fail', message: 'oops postgres://u:pw@h/db | x', fix: 'Bearer abcdefghijkl' }],
      { config_path: '/p/synapsor.runner.json', generated_at: '2026-06-20T00:00:00.000Z', version: '0.1.0' },
    );
    expect(md).toContain('| fail | `read_url_env` |');
    expect(md).not.toContain('pw@');
    expect(md).not.toContain('abcdefghijkl');
  });
});

describe('.env.example', () => {
  it('lists every env name with placeholders only', () => {
    const text = renderEnvExample(config({ writeback: 'http_handler' }));
    expect(text).toMatch(/^SYNAPSOR_DATABASE_READ_URL=<postgres URL of a read-only role>$/m);
    expect(text).toMatch(/^SYNAPSOR_TENANT_ID=<tenant id this runner serves>$/m);
    expect(text).toMatch(/^SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET=</m);
    expect(text).not.toMatch(/SYNAPSOR_DATABASE_WRITE_URL/);
    expect(text).not.toMatch(/:\/\//);
  });
});
