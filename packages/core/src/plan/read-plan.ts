import type { CapabilityConfig, RunnerConfig } from '../config/index.js';
import { SynapsorError } from '../errors/index.js';
import { assertSqlIdentifier } from '../guards/index.js';
import { hashCanonical } from '../hashing/index.js';
import type { ReadPlan } from '../ports/index.js';
import type { TrustedContext } from '../records/index.js';
import { readColumnsOf, tenantKeyOf } from './columns.js';

/**
 * Pipeline step 7: the one statement of a call, from the reviewed config only. Every
 * identifier is re-checked (defence in depth against a config that skipped validation).
 */
export function buildReadPlan(
  config: RunnerConfig,
  capability: CapabilityConfig,
  lookupValue: string | number | boolean,
  context: TrustedContext,
): ReadPlan {
  const source = Object.hasOwn(config.sources, capability.source) ? config.sources[capability.source] : undefined;
  if (source === undefined) throw new SynapsorError('UNKNOWN_SOURCE', 'capability source is not configured');
  const { schema, table, primary_key: primaryKey } = capability.target;
  const tenantKey = tenantKeyOf(capability);
  const columns = readColumnsOf(capability);
  assertSqlIdentifier(schema, 'schema');
  assertSqlIdentifier(table, 'table');
  assertSqlIdentifier(primaryKey, 'primary key');
  if (capability.target.single_tenant_dev !== true) assertSqlIdentifier(tenantKey, 'tenant key');
  for (const column of columns) assertSqlIdentifier(column, 'column');
  return {
    source_id: capability.source,
    engine: source.engine,
    schema,
    table,
    columns,
    visible_columns: [...capability.visible_columns],
    primary_key: primaryKey,
    lookup_value: lookupValue,
    tenant_key: tenantKey,
    tenant_value: tenantKey === null ? null : context.tenant_id,
    limit: 2,
    statement_timeout_ms: source.statement_timeout_ms,
  };
}

/** The query shape per tenant (the pk value is not part of it). */
export function queryFingerprint(plan: ReadPlan, tenantId: string): string {
  return hashCanonical({
    source_id: plan.source_id,
    schema: plan.schema,
    table: plan.table,
    columns: plan.columns,
    primary_key: plan.primary_key,
    tenant_key: plan.tenant_key,
    tenant_bound: plan.tenant_key !== null,
    tenant_id: tenantId,
  });
}
