import type { InspectedColumn, InspectedTable, Inspection } from '../ports/index.js';
import { defaultVisible } from '../writeback/index.js';

/** Lookups over an `Inspection` that onboarding uses to fill defaults. */
export function findInspectedTable(inspection: Inspection, schema: string, table: string): InspectedTable | null {
  return inspection.tables.find((entry) => entry.schema === schema && entry.name === table) ?? null;
}

export function columnOf(table: InspectedTable, name: string): InspectedColumn | null {
  return table.columns.find((column) => column.name === name) ?? null;
}

const TENANT_PREFERENCE = ['tenant_id', 'account_id', 'organization_id', 'org_id', 'workspace_id', 'customer_id'];
const CONFLICT_PREFERENCE = ['updated_at', 'modified_at', 'row_version', 'version', 'lock_version', 'etag'];

function preferred(table: InspectedTable, suggestion: 'tenant' | 'conflict', order: string[]): string | null {
  const candidates = table.columns.filter((column) => column.suggestions.includes(suggestion)).map((column) => column.name);
  const ranked = [...candidates].sort((a, b) => rank(order, a) - rank(order, b));
  return ranked[0] ?? null;
}

function rank(order: string[], name: string): number {
  const at = order.indexOf(name.toLowerCase());
  return at === -1 ? order.length : at;
}

/** The most specific tenant-like column (`tenant_id` before `customer_id`). */
export function suggestedTenantColumn(table: InspectedTable): string | null {
  return preferred(table, 'tenant', TENANT_PREFERENCE);
}

export function suggestedConflictColumn(table: InspectedTable): string | null {
  return preferred(table, 'conflict', CONFLICT_PREFERENCE);
}

/** Default visible columns: neither sensitive nor large/binary (cli.md inspect). */
export function suggestedVisibleColumns(table: InspectedTable): string[] {
  return table.columns.filter((column) => defaultVisible(column.suggestions)).map((column) => column.name);
}

/** Columns flagged sensitive or large/binary: never visible or writable without an explicit opt-in. */
export function isRestrictedColumn(column: InspectedColumn): boolean {
  return !defaultVisible(column.suggestions);
}
