import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigText, validateConfig, type ProposalCapabilityConfig } from '@synapsor/core';
import { baseConfig, pathsAndCodes } from './helpers.js';

const read = (url: URL) => readFileSync(url, 'utf8');
const COMPLETE_EXAMPLE = read(new URL('./fixtures/complete-example.json', import.meta.url));
const REFERENCE_CONFIG = read(
  new URL('../../../../examples/reference-support-billing-app/synapsor.runner.json', import.meta.url),
);

describe('config.md complete example', () => {
  it('validates with no errors and no warnings', () => {
    const result = parseConfigText(COMPLETE_EXAMPLE);
    expect(pathsAndCodes(result.errors)).toEqual([]);
    // Handler has auth and signing, every string arg is bounded, every proposal names a role.
    expect(pathsAndCodes(result.warnings)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.config?.capabilities.map((c) => c.name)).toEqual([
      'billing.inspect_invoice',
      'billing.propose_late_fee_waiver',
    ]);
  });

  it('warns exactly as expected once auth and signing are removed from the handler', () => {
    const json = JSON.parse(COMPLETE_EXAMPLE);
    delete json.executors.billing_api.auth;
    delete json.executors.billing_api.signing_secret_env;
    const result = validateConfig(json);
    expect(result.ok).toBe(true);
    expect(pathsAndCodes(result.warnings)).toEqual([
      { path: '$.executors.billing_api.auth', code: 'HANDLER_AUTH_DISABLED' },
      { path: '$.executors.billing_api.signing_secret_env', code: 'HANDLER_SIGNING_DISABLED' },
    ]);
  });
});

describe('examples.md reference support/billing config', () => {
  const result = parseConfigText(REFERENCE_CONFIG);

  it('validates with no errors and no warnings', () => {
    expect(pathsAndCodes(result.errors)).toEqual([]);
    expect(pathsAndCodes(result.warnings)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('declares the eight capabilities of examples.md', () => {
    expect(result.config?.capabilities.map((c) => `${c.kind}:${c.name}`)).toEqual([
      'read:support.inspect_ticket',
      'proposal:support.propose_ticket_resolution',
      'read:support.inspect_customer_account',
      'proposal:support.propose_plan_credit',
      'read:billing.inspect_invoice',
      'proposal:billing.propose_late_fee_waiver',
      'read:orders.inspect_order',
      'proposal:orders.propose_status_change',
    ]);
  });

  it('keeps email out of the customer account columns', () => {
    const customer = result.config?.capabilities[2];
    expect(customer?.visible_columns).not.toContain('email');
  });

  it('runs unchanged without bump and without result_format', () => {
    const json = JSON.parse(REFERENCE_CONFIG);
    delete json.result_format;
    for (const capability of json.capabilities) delete capability.conflict_guard?.bump;
    const stripped = validateConfig(json);
    expect(pathsAndCodes(stripped.errors)).toEqual([]);
    expect(stripped.config?.result_format).toBe(2);
  });
});

describe('defaults in the normalised config', () => {
  it('applies every documented default', () => {
    const json = baseConfig();
    json.executors = {
      h: { type: 'http_handler', url_env: 'H_URL', auth: { type: 'bearer_env', token_env: 'H_TOKEN' }, signing_secret_env: 'H_SECRET' },
      c: { type: 'command_handler', command_env: 'H_CMD' },
    };
    json.capabilities[0].args.invoice_id = { type: 'string', max_length: 10 };
    const result = validateConfig(json);
    expect(result.errors).toEqual([]);
    const config = result.config!;
    expect(config.result_format).toBe(2);
    expect(config.strict).toBe(true);
    expect(config.storage).toEqual({ sqlite_path: './.synapsor/local.db' });
    expect(config.sources.db).toEqual({
      engine: 'postgres',
      read_url_env: 'DB_READ_URL',
      write_url_env: 'DB_WRITE_URL',
      read_only: false,
      statement_timeout_ms: 5000,
      pool_max: 10,
    });
    expect(config.trusted_context).toEqual({
      provider: 'environment',
      values: { tenant_id_env: 'SYNAPSOR_TENANT_ID', principal_env: 'SYNAPSOR_PRINCIPAL' },
    });
    expect(config.executors?.h).toMatchObject({ method: 'POST', timeout_ms: 5000 });
    expect(config.executors?.c).toEqual({ type: 'command_handler', command_env: 'H_CMD', timeout_ms: 5000, pass_env: [] });
    expect(config.capabilities[0]!.args.invoice_id).toEqual({
      type: 'string',
      max_length: 10,
      required: true,
      description: 'invoice_id business argument',
    });
    const proposal = config.capabilities[1] as ProposalCapabilityConfig;
    expect(proposal.approval).toEqual({ mode: 'human', required_role: 'billing_lead' });
    expect(proposal.patch).toEqual({ late_fee_cents: { fixed: 0 }, waiver_reason: { from_arg: 'reason' } });
  });

  it('keeps a fixed null binding and ssl defaults', () => {
    const json = baseConfig();
    json.capabilities[1].patch.waiver_reason = { fixed: null };
    json.sources.db.ssl = { ca_env: 'DB_CA' };
    const result = validateConfig(json);
    expect(result.errors).toEqual([]);
    expect((result.config!.capabilities[1] as ProposalCapabilityConfig).patch.waiver_reason).toEqual({ fixed: null });
    expect(result.config!.sources.db!.ssl).toEqual({ reject_unauthorized: true, ca_env: 'DB_CA' });
  });

  it('applies http_claims defaults', () => {
    const json = baseConfig();
    json.trusted_context = { provider: 'http_claims', values: {} };
    const result = validateConfig(json);
    expect(result.config?.trusted_context).toEqual({
      provider: 'http_claims',
      values: { tenant_id_claim: 'tenant_id', principal_claim: 'sub' },
    });
  });
});
