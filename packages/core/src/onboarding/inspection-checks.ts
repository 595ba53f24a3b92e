import type { InspectedTable } from '../ports/index.js';
import { columnOf, isRestrictedColumn } from './inspected-table.js';
import type { InitRefusal, ResolvedSelection } from './types.js';

/** Every column the generated config names, with the role it plays (for refusal messages). */
export function referencedColumns(resolved: ResolvedSelection): Array<{ column: string; role: string }> {
  const refs: Array<{ column: string; role: string }> = [{ column: resolved.primary_key, role: 'primary key' }];
  if (resolved.tenant_key) refs.push({ column: resolved.tenant_key, role: 'tenant column' });
  if (resolved.conflict_column) refs.push({ column: resolved.conflict_column, role: 'conflict column' });
  for (const column of resolved.visible_columns) refs.push({ column, role: 'visible column' });
  for (const column of Object.keys(resolved.patch)) refs.push({ column, role: 'patch column' });
  for (const column of resolved.allowed_columns) refs.push({ column, role: 'allowed column' });
  for (const column of Object.keys(resolved.numeric_bounds)) refs.push({ column, role: 'bounded column' });
  for (const [column, guard] of Object.entries(resolved.transition_guards)) {
    refs.push({ column, role: 'transition-guarded column' });
    if (guard.from_column) refs.push({ column: guard.from_column, role: 'transition from column' });
  }
  return refs;
}

/**
 * Refusals of cli.md init against a live inspection: a named column missing from the table; a
 * sensitive or large/binary column visible or writable without `allowSensitive`; a view as the
 * target of a proposal.
 */
export function checkAgainstInspection(
  resolved: ResolvedSelection,
  table: InspectedTable,
  options: { allowSensitive: boolean },
): InitRefusal[] {
  const refusals: InitRefusal[] = [];
  const where = `${table.schema}.${table.name}`;
  const missing = new Map<string, string>();
  for (const { column, role } of referencedColumns(resolved)) {
    if (!columnOf(table, column) && !missing.has(column)) missing.set(column, role);
  }
  for (const [column, role] of missing) {
    refusals.push({ code: 'COLUMN_NOT_FOUND', message: `${role} ${column} does not exist in ${where}` });
  }
  if (!options.allowSensitive) {
    const exposed = [...new Set([...resolved.visible_columns, ...resolved.allowed_columns])];
    for (const name of exposed) {
      const column = columnOf(table, name);
      if (!column || !isRestrictedColumn(column)) continue;
      const kind = column.suggestions.includes('sensitive') ? 'sensitive' : 'large/binary';
      refusals.push({ code: 'SENSITIVE_COLUMN', message: `${where}.${name} looks ${kind}; leave it out of visible/allowed columns or pass --allow-sensitive` });
    }
  }
  if (table.type === 'view' && resolved.mode !== 'read_only') {
    refusals.push({ code: 'VIEW_AS_PROPOSAL_TARGET', message: `${where} is a view; a proposal target must be a table (use --mode read_only for a view)` });
  }
  return refusals;
}
