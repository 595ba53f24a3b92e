import { describe, expect, it } from 'vitest';
import type { CapabilityConfig, RunnerConfig } from '../../src/config/index.js';
import { resolveTrustedContext } from '../../src/context/index.js';
import { SynapsorError } from '../../src/errors/index.js';
import { referenceConfig } from '../runtime/support/fixtures.js';

function withContext(context: unknown, capabilityContext?: string): { config: RunnerConfig; capability: CapabilityConfig } {
  const config = referenceConfig();
  const capability = { ...config.capabilities[0]!, context: capabilityContext } as CapabilityConfig;
  return { config: { ...config, trusted_context: context as RunnerConfig['trusted_context'], contexts: {} }, capability };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (error) {
    return error instanceof SynapsorError ? error.code : 'OTHER';
  }
}

describe('trusted context', () => {
  const staticDev = { provider: 'static_dev', values: { tenant_id: 'lit-tenant', principal: 'lit-principal', tenant_id_env: 'TENANT_ENV' } };

  it('static_dev prefers a non-empty env value and falls back to the literal', () => {
    const { config, capability } = withContext(staticDev);
    expect(resolveTrustedContext(config, capability, { TENANT_ENV: ' env-tenant ' })).toEqual({
      tenant_id: 'env-tenant',
      principal: 'lit-principal',
      provenance: 'static_dev',
    });
    expect(resolveTrustedContext(config, capability, { TENANT_ENV: '   ' }).tenant_id).toBe('lit-tenant');
  });

  it('environment needs both values, trimmed', () => {
    const { config, capability } = withContext({ provider: 'environment', values: { tenant_id_env: 'T', principal_env: 'P' } });
    expect(resolveTrustedContext(config, capability, { T: ' acme\n', P: 'agent' })).toEqual({ tenant_id: 'acme', principal: 'agent', provenance: 'environment' });
    expect(codeOf(() => resolveTrustedContext(config, capability, { T: 'acme' }))).toBe('TRUSTED_BINDING_MISSING');
    expect(codeOf(() => resolveTrustedContext(config, capability, { T: '', P: 'agent' }))).toBe('TRUSTED_BINDING_MISSING');
  });

  it('refuses values longer than 256 characters', () => {
    const { config, capability } = withContext({ provider: 'environment', values: { tenant_id_env: 'T', principal_env: 'P' } });
    expect(codeOf(() => resolveTrustedContext(config, capability, { T: 'a'.repeat(256), P: 'p' }))).toBe('OK');
    expect(codeOf(() => resolveTrustedContext(config, capability, { T: 'a'.repeat(257), P: 'p' }))).toBe('TRUSTED_BINDING_INVALID');
  });

  it('answers TRUSTED_CONTEXT_MISSING without a usable context', () => {
    const none = withContext(undefined);
    expect(codeOf(() => resolveTrustedContext(none.config, none.capability, {}))).toBe('TRUSTED_CONTEXT_MISSING');
    const unknownName = withContext(staticDev, 'nope');
    expect(codeOf(() => resolveTrustedContext(unknownName.config, unknownName.capability, {}))).toBe('TRUSTED_CONTEXT_MISSING');
  });

  it('refuses http_claims at call time too', () => {
    const { config, capability } = withContext({ provider: 'http_claims', values: {} });
    expect(codeOf(() => resolveTrustedContext(config, capability, {}))).toBe('TRUSTED_CONTEXT_UNSUPPORTED');
  });
});
