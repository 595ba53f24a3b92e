import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateConfig, type RunnerConfig } from '../../../src/config/index.js';
import type { Clock, RandomSource } from '../../../src/ids/index.js';
import type { Row } from '../../../src/records/index.js';

const REFERENCE = fileURLToPath(
  new URL('../../../../../examples/reference-support-billing-app/synapsor.runner.json', import.meta.url),
);

export function referenceJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(REFERENCE, 'utf8')) as Record<string, unknown>;
}

/** Validates like the CLI does; a test config that is invalid is a test bug, so it throws. */
export function validated(json: unknown): RunnerConfig {
  const result = validateConfig(json);
  if (!result.ok || !result.config) throw new Error(`invalid test config: ${JSON.stringify(result.errors)}`);
  return result.config;
}

export const referenceConfig = (): RunnerConfig => validated(referenceJson());

/** A clock tests move by hand (no real time involved). */
export function manualClock(start = '2026-06-20T15:00:00.000Z'): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

/** Distinct, deterministic bytes per call. */
export function counterRandom(seed = 0): RandomSource {
  let counter = seed;
  return (bytes) => {
    counter += 1;
    const out = new Uint8Array(bytes);
    for (let i = 0, n = counter; i < bytes; i += 1, n = Math.floor(n / 256)) out[bytes - 1 - i] = n % 256;
    return out;
  };
}

export const TRUSTED_ENV = {
  REFERENCE_POSTGRES_READ_URL: 'postgres://reader:pw@db.internal:5432/app',
  SYNAPSOR_TENANT_ID: 'acme',
  SYNAPSOR_PRINCIPAL: 'support.agent',
};

/** The reference seed (examples.md), trimmed to what the tests touch. */
export function referenceTables(): Record<string, Row[]> {
  const at = '2026-06-20T14:31:08Z';
  return {
    'public.invoices': [
      { id: 'INV-3001', tenant_id: 'acme', customer_id: 'cust_acme_1', status: 'overdue', balance_cents: 25500, late_fee_cents: 5500, waiver_reason: null, updated_at: at },
      { id: 'INV-3002', tenant_id: 'acme', customer_id: 'cust_acme_1', status: 'paid', balance_cents: 0, late_fee_cents: 0, waiver_reason: null, updated_at: at },
      { id: 'INV-9001', tenant_id: 'globex', customer_id: 'cust_globex_1', status: 'overdue', balance_cents: 25500, late_fee_cents: 5500, waiver_reason: null, updated_at: at },
    ],
    'public.support_tickets': [
      { id: 'T-1042', tenant_id: 'acme', customer_id: 'cust_acme_1', subject: 'Late fee waiver request for INV-3001', status: 'open', resolution_note: null, updated_at: at },
      { id: 'T-9001', tenant_id: 'globex', customer_id: 'cust_globex_1', subject: 'Globex ticket', status: 'open', resolution_note: null, updated_at: at },
    ],
    'public.customers': [
      { id: 'cust_acme_1', tenant_id: 'acme', name: 'Acme One', email: 'one@acme.test', plan: 'enterprise', plan_credit_cents: 0, credit_reason: null, created_at: at, updated_at: at },
      { id: 'cust_globex_1', tenant_id: 'globex', name: 'Globex One', email: 'one@globex.test', plan: 'builder', plan_credit_cents: 0, credit_reason: null, created_at: at, updated_at: at },
    ],
    'public.orders': [
      { id: 'O-1001', tenant_id: 'acme', customer_id: 'cust_acme_1', status: 'paid', status_change_reason: null, updated_at: at },
      { id: 'O-1002', tenant_id: 'acme', customer_id: 'cust_acme_1', status: 'processing', status_change_reason: null, updated_at: at },
      { id: 'O-9001', tenant_id: 'globex', customer_id: 'cust_globex_1', status: 'paid', status_change_reason: null, updated_at: at },
    ],
  };
}
