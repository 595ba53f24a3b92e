import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { grantPlanFromConfig, parseConfigText, type RunnerConfig } from '../../src/index.js';

const reference = (): RunnerConfig => {
  const text = readFileSync(new URL('../../../../examples/reference-support-billing-app/synapsor.runner.json', import.meta.url), 'utf8');
  const parsed = parseConfigText(text);
  if (!parsed.config) throw new Error('reference config invalid');
  return parsed.config;
};

describe('grantPlanFromConfig', () => {
  it('per target: reader read columns, writer guard columns and allowed + bump columns', () => {
    const plan = grantPlanFromConfig(reference());
    const invoices = plan.targets.find((t) => t.table === 'invoices')!;
    expect(invoices.writer_select_columns).toEqual(['id', 'tenant_id', 'updated_at']);
    expect(invoices.writer_update_columns).toEqual(['late_fee_cents', 'waiver_reason', 'updated_at']);
    expect(invoices.reader_select_columns).toEqual(expect.arrayContaining(['id', 'tenant_id', 'updated_at', 'late_fee_cents']));
    expect(plan.receipts_schemas).toEqual([null]);
  });

  it('handler executors and other engines give the writer nothing', () => {
    const config = reference();
    config.executors = { app: { type: 'http_handler', url_env: 'APP_URL', method: 'POST', timeout_ms: 5000 } };
    for (const capability of config.capabilities) if (capability.kind === 'proposal') capability.executor = 'app';
    const plan = grantPlanFromConfig(config);
    expect(plan.targets.every((t) => t.writer_update_columns.length === 0 && t.writer_select_columns.length === 0)).toBe(true);
    expect(plan.receipts_schemas).toEqual([]);
    expect(grantPlanFromConfig(reference(), { engine: 'mysql' }).targets).toEqual([]);
  });

  it('a weak guard (no version column) reads the row-hash columns; no bump column is updated', () => {
    const config = reference();
    const waiver = config.capabilities.find((c) => c.name === 'billing.propose_late_fee_waiver')!;
    if (waiver.kind !== 'proposal') throw new Error('expected a proposal');
    waiver.conflict_guard = { weak_guard_ack: true };
    const invoices = grantPlanFromConfig({ ...config, capabilities: [waiver] }).targets[0]!;
    expect(invoices.writer_select_columns).toEqual(expect.arrayContaining(['id', 'tenant_id', 'late_fee_cents', 'waiver_reason']));
    expect(invoices.writer_update_columns).toEqual(['late_fee_cents', 'waiver_reason']);
  });
});
