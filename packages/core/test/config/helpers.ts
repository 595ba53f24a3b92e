import { expect } from 'vitest';
import { validateConfig, type ConfigValidationResult } from '@synapsor/core';

/* Shared fixtures: a small config that is valid with no warnings, and mutation helpers. */

export type Json = Record<string, any>;

export function readCapability(): Json {
  return {
    name: 'billing.inspect_invoice',
    kind: 'read',
    source: 'db',
    target: { schema: 'public', table: 'invoices', primary_key: 'id', tenant_key: 'tenant_id' },
    args: { invoice_id: { type: 'string', max_length: 64 } },
    lookup: { id_from_arg: 'invoice_id' },
    visible_columns: ['id', 'status', 'late_fee_cents', 'waiver_reason', 'updated_at'],
  };
}

export function proposalCapability(): Json {
  return {
    ...readCapability(),
    name: 'billing.propose_waiver',
    kind: 'proposal',
    args: { invoice_id: { type: 'string', max_length: 64 }, reason: { type: 'string', max_length: 200 } },
    patch: { late_fee_cents: { fixed: 0 }, waiver_reason: { from_arg: 'reason' } },
    allowed_columns: ['late_fee_cents', 'waiver_reason'],
    conflict_guard: { column: 'updated_at' },
    approval: { required_role: 'billing_lead' },
  };
}

export function baseConfig(): Json {
  return {
    version: 1,
    mode: 'review',
    sources: { db: { engine: 'postgres', read_url_env: 'DB_READ_URL', write_url_env: 'DB_WRITE_URL' } },
    trusted_context: { provider: 'environment', values: {} },
    capabilities: [readCapability(), proposalCapability()],
  };
}

export function httpExecutor(): Json {
  return {
    type: 'http_handler',
    url_env: 'HANDLER_URL',
    auth: { type: 'bearer_env', token_env: 'HANDLER_TOKEN' },
    signing_secret_env: 'HANDLER_SECRET',
  };
}

/** Validates `baseConfig()` after `mutate` changed it. */
export function validateWith(mutate: (c: Json) => void): ConfigValidationResult {
  const config = baseConfig();
  mutate(config);
  return validateConfig(config);
}

export const pathsAndCodes = (issues: ReadonlyArray<{ path: string; code: string }>) =>
  issues.map(({ path, code }) => ({ path, code }));

export function expectError(result: ConfigValidationResult, path: string, code: string): void {
  expect(result.ok).toBe(false);
  expect(result.config).toBeUndefined();
  expect(pathsAndCodes(result.errors)).toContainEqual({ path, code });
}

/** A warning alone never makes a config invalid. */
export function expectWarningOnly(result: ConfigValidationResult, path: string, code: string): void {
  expect(pathsAndCodes(result.errors)).toEqual([]);
  expect(result.ok).toBe(true);
  expect(pathsAndCodes(result.warnings)).toContainEqual({ path, code });
}

export const CAP0 = '$.capabilities[0]';
export const CAP1 = '$.capabilities[1]';
