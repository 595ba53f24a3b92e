import { describe, expect, it } from 'vitest';
import { toSafeErrorCode, type SafeErrorCode } from '../errors/index.js';
import type { ReadPlan, SourceAdapter } from '../ports/index.js';

/**
 * Every internal code an SQL adapter's `readOne` may throw, with the safe code the model must
 * see (mcp.md "Safe error codes"). Deployment and availability problems are retryable; a
 * defect in the runner or the reviewed config is not.
 */
export const READ_ONE_SAFE_CODES: Readonly<Record<string, SafeErrorCode>> = {
  SOURCE_CREDENTIAL_MISSING: 'TEMPORARILY_UNAVAILABLE',
  SOURCE_URL_INVALID: 'TEMPORARILY_UNAVAILABLE',
  ADAPTER_CLOSED: 'TEMPORARILY_UNAVAILABLE',
  DATABASE_UNAVAILABLE: 'TEMPORARILY_UNAVAILABLE',
  STATEMENT_TIMEOUT: 'TEMPORARILY_UNAVAILABLE',
  POOL_TIMEOUT: 'TEMPORARILY_UNAVAILABLE',
  READ_PLAN_INVALID: 'INTERNAL',
  UNSAFE_IDENTIFIER: 'INTERNAL',
  UNSUPPORTED_COLUMN_TYPE: 'INTERNAL',
  INTERNAL: 'INTERNAL',
};

/** What the suite needs from an adapter package; the adapter reads its URL from env `READ_URL`. */
export interface ReadSafeCodeHarness {
  adapter(env: Record<string, string>): SourceAdapter;
  /** A well-formed plan for the adapter's engine (it never reaches a server here). */
  plan: ReadPlan;
  /** A URL of the adapter's scheme where nothing listens. */
  unreachableUrl: string;
}

/**
 * Conformance (vitest): each failure `readOne` can reach without a live database, triggered
 * for real, maps to its intended safe code. Server-side failures (timeouts, pool exhaustion,
 * missing objects, unsupported types) are produced by each adapter's integration suites; here
 * their codes are pinned to the same table.
 */
export function runReadSafeCodeConformance(name: string, harness: ReadSafeCodeHarness): void {
  const { plan, unreachableUrl } = harness;
  const otherEngine = plan.engine === 'postgres' ? 'mysql' : 'postgres';
  const scenarios: Array<{ label: string; code: string; env: Record<string, string>; plan: ReadPlan; closed?: boolean }> = [
    { label: 'read URL env unset', code: 'SOURCE_CREDENTIAL_MISSING', env: {}, plan },
    { label: 'read URL env not a database URL', code: 'SOURCE_URL_INVALID', env: { READ_URL: 'https://example.invalid/db' }, plan },
    { label: 'server unreachable', code: 'DATABASE_UNAVAILABLE', env: { READ_URL: unreachableUrl }, plan },
    { label: 'plan for another engine', code: 'READ_PLAN_INVALID', env: { READ_URL: unreachableUrl }, plan: { ...plan, engine: otherEngine } },
    { label: 'unsafe identifier in the plan', code: 'UNSAFE_IDENTIFIER', env: { READ_URL: unreachableUrl }, plan: { ...plan, table: 'invoices; drop table x' } },
    { label: 'adapter already closed', code: 'ADAPTER_CLOSED', env: { READ_URL: unreachableUrl }, plan, closed: true },
  ];

  describe(`readOne safe codes: ${name}`, () => {
    it.each(scenarios)('$label → $code', async (scenario) => {
      const adapter = harness.adapter(scenario.env);
      if (scenario.closed) await adapter.close();
      try {
        await expect(adapter.readOne(scenario.plan)).rejects.toMatchObject({ code: scenario.code });
      } finally {
        await adapter.close();
      }
      expect(toSafeErrorCode(scenario.code)).toBe(READ_ONE_SAFE_CODES[scenario.code]);
    });

    it('maps every code in the table to its intended safe code', () => {
      for (const [code, safe] of Object.entries(READ_ONE_SAFE_CODES)) expect([code, toSafeErrorCode(code)]).toEqual([code, safe]);
    });
  });
}
