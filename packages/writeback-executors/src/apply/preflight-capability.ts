import { executorTypeOf, hashColumns, isProposalCapability, isSqlIdentifier } from '@synapsor/core';
import type { ChangeSet, ExecutorType, ProposalCapabilityConfig, ProposalRecord, RunnerConfig } from '@synapsor/core';
import { refuseWith } from './refusal.js';

const ENGINE_OF_KIND = { external_postgres: 'postgres', external_mysql: 'mysql' } as const;

export function findCapability(config: RunnerConfig, action: string): ProposalCapabilityConfig | undefined {
  return config.capabilities.filter(isProposalCapability).find((capability) => capability.name === action);
}

export function executorNameOf(capability: ProposalCapabilityConfig): string {
  return capability.executor ?? 'sql_update';
}

/** Check 8: the reviewed capability still describes exactly this target and executor. */
export function checkCapabilityMatches(
  config: RunnerConfig,
  proposal: ProposalRecord,
): { capability: ProposalCapabilityConfig; executorType: ExecutorType } {
  const cs = proposal.change_set;
  const capability = findCapability(config, proposal.action);
  const mismatch = (what: string): never => refuseWith('CAPABILITY_MISMATCH', `The reviewed capability differs in ${what}`);
  if (!capability || cs.action !== proposal.action) return mismatch('name');
  const source = Object.hasOwn(config.sources, capability.source) ? config.sources[capability.source] : undefined;
  if (!source || capability.source !== cs.source.source_id || proposal.source_id !== cs.source.source_id) {
    return mismatch('source');
  }
  if (ENGINE_OF_KIND[cs.source.kind] !== source.engine || proposal.source_kind !== cs.source.kind) mismatch('engine');
  const { target } = capability;
  if (target.schema !== cs.source.schema || target.table !== cs.source.table) mismatch('schema or table');
  if (target.primary_key !== cs.source.primary_key.column) mismatch('primary key');
  const reviewedTenant = target.single_tenant_dev ? null : (target.tenant_key ?? null);
  if (reviewedTenant !== (cs.guards.tenant?.column ?? null)) mismatch('tenant key');
  const executorName = executorNameOf(capability);
  if (executorName !== cs.writeback.executor || executorName !== proposal.executor) mismatch('executor');
  return { capability, executorType: executorTypeOf(config, capability) };
}

/** Check 9: nothing outside the reviewed allow-list, and never a key, tenant or version column. */
export function checkAllowlist(capability: ProposalCapabilityConfig, cs: ChangeSet): void {
  const reviewed = new Set(capability.allowed_columns);
  const widened = (what: string): never => refuseWith('ALLOWLIST_WIDENED', `${what} is not in the reviewed allow-list`);
  for (const column of Object.keys(cs.patch)) if (!reviewed.has(column)) widened('A patch column');
  for (const column of cs.guards.allowed_columns) if (!reviewed.has(column)) widened('An allowed column');
  const protectedColumns = [
    capability.target.primary_key,
    capability.target.tenant_key,
    capability.conflict_guard.column,
    cs.guards.tenant?.column,
    cs.guards.expected_version.column,
  ];
  for (const column of protectedColumns) {
    if (column !== undefined && Object.hasOwn(cs.patch, column)) {
      refuseWith('ALLOWLIST_WIDENED', 'The patch writes a key, tenant or conflict column');
    }
  }
}

/** The row-hash column set the reviewed capability implies (read-and-proposal.md `row_hash`). */
export function reviewedHashColumns(capability: ProposalCapabilityConfig): string[] {
  const { target } = capability;
  const tenant = target.single_tenant_dev ? [] : [target.tenant_key ?? ''];
  return hashColumns([...capability.visible_columns, target.primary_key, ...tenant, ...Object.keys(capability.patch)].filter(Boolean));
}

/** Check 10: same guard kind, same column (or the same row-hash column set). */
export function checkConflictGuard(capability: ProposalCapabilityConfig, cs: ChangeSet): void {
  const expected = cs.guards.expected_version;
  const guard = capability.conflict_guard;
  const mismatch = (): never => refuseWith('CONFLICT_GUARD_MISMATCH', 'The conflict guard differs from the reviewed one');
  if (guard.column !== undefined) {
    if (expected.column !== guard.column || 'columns' in expected) mismatch();
    return;
  }
  if (!guard.weak_guard_ack || expected.column !== '__row_hash' || !('columns' in expected)) return mismatch();
  const stored = hashColumns(expected.columns);
  const reviewed = reviewedHashColumns(capability);
  if (stored.length !== expected.columns.length || stored.join(',') !== reviewed.join(',')) mismatch();
}

/** Check 11: every identifier the job will carry matches the identifier rule. */
export function checkIdentifiers(cs: ChangeSet): void {
  const expected = cs.guards.expected_version;
  const identifiers = [
    cs.source.schema,
    cs.source.table,
    cs.source.primary_key.column,
    ...(cs.guards.tenant ? [cs.guards.tenant.column] : []),
    ...Object.keys(cs.patch),
    ...cs.guards.allowed_columns,
    ...('columns' in expected ? expected.columns : [expected.column]),
  ];
  if (!identifiers.every(isSqlIdentifier)) refuseWith('UNSAFE_IDENTIFIER', 'The job carries an unsafe SQL identifier');
}
