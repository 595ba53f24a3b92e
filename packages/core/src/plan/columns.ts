import { isProposalCapability, type CapabilityConfig } from '../config/index.js';
import type { Row } from '../records/index.js';
import { hashColumns } from '../writeback/index.js';

/** The tenant predicate column, or `null` for a `single_tenant_dev` capability. */
export function tenantKeyOf(capability: CapabilityConfig): string | null {
  return capability.target.single_tenant_dev === true ? null : (capability.target.tenant_key ?? null);
}

export function patchColumnsOf(capability: CapabilityConfig): string[] {
  return isProposalCapability(capability) ? Object.keys(capability.patch) : [];
}

export function conflictColumnOf(capability: CapabilityConfig): string | null {
  return isProposalCapability(capability) ? (capability.conflict_guard.column ?? null) : null;
}

/**
 * Read columns, deduplicated in spec order: visible (config order), primary key, tenant key,
 * conflict column, then for proposals the patch columns and transition `from_column`s.
 */
export function readColumnsOf(capability: CapabilityConfig): string[] {
  const columns: Array<string | null> = [
    ...capability.visible_columns,
    capability.target.primary_key,
    capability.target.tenant_key ?? null,
    conflictColumnOf(capability),
    ...patchColumnsOf(capability),
  ];
  if (isProposalCapability(capability)) {
    for (const [column, guard] of Object.entries(capability.transition_guards ?? {})) columns.push(guard.from_column ?? column);
  }
  return [...new Set(columns.filter((column): column is string => column !== null))];
}

/** `row_hash` columns: sorted unique(visible ∪ primary key ∪ tenant key ∪ patch columns). */
export function rowHashColumnsOf(capability: CapabilityConfig): string[] {
  const tenant = capability.target.tenant_key;
  return hashColumns([
    ...capability.visible_columns,
    capability.target.primary_key,
    ...(tenant === undefined ? [] : [tenant]),
    ...patchColumnsOf(capability),
  ]);
}

/** The row restricted to `visible_columns`: the only values that reach the model. */
export function visibleRow(capability: CapabilityConfig, row: Row): Row {
  const visible: Row = {};
  for (const column of capability.visible_columns) visible[column] = row[column] ?? null;
  return visible;
}
