import { SynapsorError } from '../errors/index.js';
import type { ReadPlan } from '../ports/index.js';
import type { Engine } from '../records/index.js';
import { assertSqlIdentifier } from '../guards/identifier.js';

function assertAll(values: unknown[], what: string): void {
  for (const value of values) assertSqlIdentifier(value, what);
}

/** What an adapter needs from a re-validated read plan. */
export interface CheckedReadPlan {
  schema: string;
  table: string;
  /** Deduplicated, in plan order. */
  columns: string[];
  visible: ReadonlySet<string>;
  primaryKey: string;
  lookupValue: string | number | boolean;
  tenant: { column: string; value: string } | null;
}

function invalid(message: string): never {
  throw new SynapsorError('READ_PLAN_INVALID', message);
}

/**
 * Re-checks a read plan inside the adapter (engine-agnostic, no I/O): identifiers match the
 * rule (`UNSAFE_IDENTIFIER`), visible/pk/tenant columns are part of the read columns, the
 * tenant predicate is present whenever a tenant key is, and the limit is 2
 * (`READ_PLAN_INVALID`). Nothing here is trusted from the caller blindly.
 */
export function checkReadPlan(plan: ReadPlan, engine: Engine): CheckedReadPlan {
  if (plan === null || typeof plan !== 'object') invalid('read plan missing');
  if (plan.engine !== engine) invalid('read plan is for another engine');
  if (!Array.isArray(plan.columns) || plan.columns.length === 0) invalid('read plan has no columns');
  if (!Array.isArray(plan.visible_columns)) invalid('read plan has no visible columns');
  assertAll([plan.schema, plan.table], 'target');
  assertAll(plan.columns, 'columns');
  assertAll(plan.visible_columns, 'visible_columns');
  assertAll([plan.primary_key], 'primary_key');
  if (plan.tenant_key !== null) assertAll([plan.tenant_key], 'tenant_key');
  const columns = [...new Set(plan.columns)];
  const known = new Set(columns);
  for (const column of plan.visible_columns) {
    if (!known.has(column)) invalid('visible column outside the read columns');
  }
  if (!known.has(plan.primary_key)) invalid('primary key outside the read columns');
  if (plan.tenant_key !== null && !known.has(plan.tenant_key)) invalid('tenant key outside the read columns');
  if (plan.limit !== 2) invalid('read plan limit must be 2');
  const lookup = plan.lookup_value;
  const lookupType = typeof lookup;
  if (lookupType !== 'string' && lookupType !== 'number' && lookupType !== 'boolean') {
    invalid('lookup value has an unsupported type');
  }
  if (lookupType === 'number' && !Number.isFinite(lookup)) invalid('lookup value is not finite');
  let tenant: CheckedReadPlan['tenant'] = null;
  if (plan.tenant_key !== null) {
    // A tenant key without a value would silently widen the read; fail closed.
    if (typeof plan.tenant_value !== 'string' || plan.tenant_value === '') invalid('tenant value missing');
    tenant = { column: plan.tenant_key, value: plan.tenant_value };
  } else if (plan.tenant_value !== null) {
    invalid('tenant value without tenant key');
  }
  if (!Number.isInteger(plan.statement_timeout_ms) || plan.statement_timeout_ms < 1 || plan.statement_timeout_ms > 600_000) {
    invalid('statement timeout out of range');
  }
  return {
    schema: plan.schema,
    table: plan.table,
    columns,
    visible: new Set(plan.visible_columns),
    primaryKey: plan.primary_key,
    lookupValue: lookup,
    tenant,
  };
}
