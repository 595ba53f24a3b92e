import referenceConfig from '../../../../examples/reference-support-billing-app/synapsor.runner.json' with { type: 'json' };
import schemaSql from '../../../../examples/reference-support-billing-app/schema.sql';
import seedSql from '../../../../examples/reference-support-billing-app/seed.sql';

/** The reference support/billing app (examples.md), bundled into dist at build time. */
export const REFERENCE = {
  schemaSql,
  seedSql,
  config: referenceConfig as unknown as Record<string, unknown>,
  readUrlEnv: 'REFERENCE_POSTGRES_READ_URL',
  writeUrlEnv: 'REFERENCE_POSTGRES_WRITE_URL',
} as const;

export const DEMO_TENANT = 'acme';
export const DEMO_PRINCIPAL = 'support.agent';
export const DEMO_REVIEWER = { actor: 'demo.reviewer', actor_source: 'flag' as const, roles: ['billing_lead', 'support_lead'] };
export const DEMO_DB_PORT = 55435;
