import { describe, expect, it } from 'vitest';
import { generateInitConfig, resolveInitSelection, validateConfig } from '../../src/index.js';
import { invoiceInspection, WAIVER_FLAGS } from './fixtures.js';

describe('generateInitConfig with a live inspection', () => {
  it('fills every default from the table and validates', () => {
    const result = generateInitConfig(WAIVER_FLAGS, { inspection: invoiceInspection() });
    expect(result.refusals).toEqual([]);
    expect(result.ok).toBe(true);
    const config = result.config as any;
    expect(config.$schema).toBe('./.synapsor/synapsor.runner.schema.json');
    expect(config.sources).toEqual({ app_postgres: { engine: 'postgres', read_url_env: 'SYNAPSOR_DATABASE_READ_URL', write_url_env: 'SYNAPSOR_DATABASE_WRITE_URL' } });
    const [read, proposal] = config.capabilities;
    expect(read.name).toBe('invoice.inspect_invoice');
    expect(proposal.name).toBe('invoice.propose_invoice_update');
    expect(read.args).toEqual({ invoice_id: expect.objectContaining({ type: 'string', required: true, max_length: 128 }) });
    expect(read.target).toEqual({ schema: 'public', table: 'invoices', primary_key: 'id', tenant_key: 'tenant_id' });
    // password_hash (sensitive) and attachment (bytea) are not visible by default.
    expect(read.visible_columns).toEqual(['id', 'tenant_id', 'customer_id', 'status', 'balance_cents', 'late_fee_cents', 'waiver_reason', 'updated_at']);
    expect(proposal.conflict_guard).toEqual({ column: 'updated_at', bump: 'now' });
    expect(proposal.allowed_columns).toEqual(['late_fee_cents', 'waiver_reason']);
    expect(proposal.args.reason).toEqual({ type: 'string', description: expect.any(String), max_length: 500 });
    expect(proposal.approval).toEqual({ mode: 'human', required_role: 'local_reviewer' });
    expect(validateConfig(config).ok).toBe(true);
  });

  it('infers increment for an integer conflict column and the org tenant column', () => {
    const result = generateInitConfig({ table: 'counters', patch: { n: { from_arg: 'n' } }, patch_args: { n: { type: 'number', minimum: 0 } } }, { inspection: invoiceInspection() });
    expect(result.ok).toBe(true);
    const proposal = (result.config as any).capabilities[1];
    expect(proposal.conflict_guard).toEqual({ column: 'row_version', bump: 'increment' });
    expect(proposal.target.tenant_key).toBe('org_id');
    expect((result.config as any).mode).toBe('shadow');
    expect((result.config as any).sources.app_postgres.write_url_env).toBeUndefined();
  });

  it('refuses a missing column, naming it and its role', () => {
    const result = generateInitConfig({ ...WAIVER_FLAGS, visible_columns: ['id', 'nope'] }, { inspection: invoiceInspection() });
    expect(result.ok).toBe(false);
    expect(result.config).toBeNull();
    expect(result.refusals).toContainEqual({ code: 'COLUMN_NOT_FOUND', message: 'visible column nope does not exist in public.invoices' });
  });

  it('refuses sensitive and binary columns unless allowed', () => {
    const selection = { ...WAIVER_FLAGS, visible_columns: ['id', 'password_hash', 'attachment', 'late_fee_cents', 'waiver_reason'] };
    const refused = generateInitConfig(selection, { inspection: invoiceInspection() });
    expect(refused.refusals.map((r) => r.code)).toEqual(['SENSITIVE_COLUMN', 'SENSITIVE_COLUMN']);
    expect(refused.refusals[0]!.message).toContain('password_hash looks sensitive');
    expect(refused.refusals[1]!.message).toContain('attachment looks large/binary');
    expect(generateInitConfig(selection, { inspection: invoiceInspection(), allowSensitive: true }).ok).toBe(true);
  });

  it('refuses a view as proposal target but accepts it read-only', () => {
    const base = { table: 'invoice_summaries', patch: { status: { fixed: 'x' } } };
    const refused = generateInitConfig(base, { inspection: invoiceInspection() });
    expect(refused.refusals).toEqual([expect.objectContaining({ code: 'VIEW_AS_PROPOSAL_TARGET' })]);
    const readOnly = generateInitConfig({ ...base, mode: 'read_only', primary_key: 'id' }, { inspection: invoiceInspection() });
    expect(readOnly.ok).toBe(true);
    expect((readOnly.config as any).capabilities).toHaveLength(1);
  });

  it('refuses a table without tenant column unless single-tenant dev', () => {
    const base = { table: 'notes', patch: { body: { from_arg: 'body' } } };
    expect(generateInitConfig(base, { inspection: invoiceInspection() }).refusals.map((r) => r.code)).toEqual(['TENANT_COLUMN_REQUIRED']);
    const dev = generateInitConfig({ ...base, single_tenant_dev: true }, { inspection: invoiceInspection() });
    expect(dev.ok).toBe(true);
    expect((dev.config as any).capabilities[1].target).toEqual({ schema: 'public', table: 'notes', primary_key: 'id', single_tenant_dev: true });
    expect((dev.config as any).capabilities[1].conflict_guard).toEqual({ weak_guard_ack: true });
    expect(dev.warnings.map((w) => w.code)).toContain('WEAK_CONFLICT_GUARD');
  });

  it('refuses an unknown table', () => {
    expect(generateInitConfig({ table: 'ghosts' }, { inspection: invoiceInspection() }).refusals).toEqual([{ code: 'TABLE_NOT_FOUND', message: 'public.ghosts: configured object not found' }]);
  });
});

describe('generateInitConfig from flags only', () => {
  it('needs a table, a tenant column and a patch outside read_only', () => {
    expect(generateInitConfig({}).refusals[0]!.code).toBe('TABLE_REQUIRED');
    expect(generateInitConfig({ table: 'invoices' }).refusals.map((r) => r.code)).toEqual(['TENANT_COLUMN_REQUIRED', 'PATCH_REQUIRED']);
  });

  it('infers patch args from bounds and transition guards, bump from the column name', () => {
    const result = generateInitConfig({
      table: 'orders',
      tenant_key: 'tenant_id',
      conflict_column: 'updated_at',
      mode: 'review',
      patch: { status: { from_arg: 'next_status' }, refund_cents: { from_arg: 'refund_cents' } },
      numeric_bounds: { refund_cents: { minimum: 0, maximum: 100000 } },
      transition_guards: { status: { allowed: { paid: ['refund_requested', 'needs_review'], refund_requested: ['refunded'] } } },
    });
    expect(result.refusals).toEqual([]);
    const proposal = (result.config as any).capabilities[1];
    expect(proposal.args.next_status).toMatchObject({ type: 'string', enum: ['refund_requested', 'needs_review', 'refunded'] });
    expect(proposal.args.refund_cents).toMatchObject({ type: 'number', minimum: 0, maximum: 100000 });
    expect(proposal.conflict_guard).toEqual({ column: 'updated_at', bump: 'now' });
    expect(proposal.visible_columns).toEqual(['id', 'tenant_id', 'status', 'refund_cents', 'updated_at']);
    expect(proposal.name).toBe('order.propose_order_update');
  });

  it('writes a handler executor and no bump for http_handler', () => {
    const result = generateInitConfig({ ...WAIVER_FLAGS, tenant_key: 'tenant_id', conflict_column: 'updated_at', writeback: 'http_handler', handler_timeout_ms: 2000 });
    expect(result.ok).toBe(true);
    const config = result.config as any;
    expect(config.executors).toEqual({
      app_writeback: {
        type: 'http_handler', url_env: 'SYNAPSOR_APP_WRITEBACK_URL', method: 'POST',
        auth: { type: 'bearer_env', token_env: 'SYNAPSOR_APP_WRITEBACK_TOKEN' },
        signing_secret_env: 'SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET', timeout_ms: 2000,
      },
    });
    expect(config.capabilities[1].executor).toBe('app_writeback');
    expect(config.capabilities[1].conflict_guard).toEqual({ column: 'updated_at' });
    expect(config.sources.app_postgres.write_url_env).toBeUndefined();
  });

  it('reports an invalid generated config instead of returning it', () => {
    const result = generateInitConfig({ ...WAIVER_FLAGS, tenant_key: 'tenant_id', allowed_columns: ['late_fee_cents'] });
    expect(result.ok).toBe(false);
    expect(result.refusals[0]).toMatchObject({ code: 'GENERATED_CONFIG_INVALID' });
    expect(result.refusals[0]!.message).toContain('PATCH_COLUMN_NOT_ALLOWED');
  });

  it('uses the inspected MySQL database as default schema and refuses without one', () => {
    expect(resolveInitSelection({ engine: 'mysql', table: 'orders' }).refusals[0]!.code).toBe('SCHEMA_REQUIRED');
    const inspection = { ...invoiceInspection(), engine: 'mysql' as const, schemas: ['shop'] };
    inspection.tables = inspection.tables.map((t) => ({ ...t, schema: 'shop' }));
    const result = generateInitConfig({ ...WAIVER_FLAGS }, { inspection });
    expect(result.ok).toBe(true);
    expect((result.config as any).sources).toHaveProperty('app_mysql');
    expect((result.config as any).capabilities[0].target.schema).toBe('shop');
  });
});
