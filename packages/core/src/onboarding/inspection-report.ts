import type { InspectedTable, Inspection } from '../ports/index.js';
import { suggestedConflictColumn, suggestedTenantColumn, suggestedVisibleColumns } from './inspected-table.js';

export interface TableSuggestions {
  tenant_column: string | null;
  conflict_column: string | null;
  visible_columns: string[];
  sensitive_columns: string[];
  large_binary_columns: string[];
}

export function tableSuggestions(table: InspectedTable): TableSuggestions {
  const flagged = (kind: 'sensitive' | 'large_binary') => table.columns.filter((c) => c.suggestions.includes(kind)).map((c) => c.name);
  return {
    tenant_column: suggestedTenantColumn(table),
    conflict_column: suggestedConflictColumn(table),
    visible_columns: suggestedVisibleColumns(table),
    sensitive_columns: flagged('sensitive'),
    large_binary_columns: flagged('large_binary'),
  };
}

/** `inspect --json`: the adapter's metadata plus per-table suggestions. Never row data. */
export function inspectionDocument(inspection: Inspection): Record<string, unknown> {
  return {
    ok: true,
    engine: inspection.engine,
    schemas: inspection.schemas,
    tables: inspection.tables.map((table) => ({ ...table, suggested: tableSuggestions(table) })),
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

function tableLines(table: InspectedTable): string[] {
  const s = tableSuggestions(table);
  const lines = [`${table.schema}.${table.name} (${table.type})  primary key: ${table.primary_key.join(', ') || 'none'}`];
  const width = Math.max(8, ...table.columns.map((c) => c.name.length + 2));
  const typeWidth = Math.max(6, ...table.columns.map((c) => c.type.length + 2));
  for (const column of table.columns) {
    const notes = [column.nullable ? 'null' : 'not null', ...(column.generated ? ['generated'] : []), ...column.suggestions.map((x) => x.replace('_', '/'))];
    lines.push(`  ${pad(column.name, width)}${pad(column.type, typeWidth)}${notes.join(', ')}`);
  }
  lines.push(`  suggested tenant: ${s.tenant_column ?? 'none (pass --tenant-column or --single-tenant-dev)'}; conflict: ${s.conflict_column ?? 'none (weak row-hash guard)'}`);
  lines.push(`  suggested visible: ${s.visible_columns.join(', ') || 'none'}`);
  if (s.sensitive_columns.length > 0) lines.push(`  sensitive (hidden by default): ${s.sensitive_columns.join(', ')}`);
  if (s.large_binary_columns.length > 0) lines.push(`  large/binary (hidden by default): ${s.large_binary_columns.join(', ')}`);
  if (table.type === 'view') lines.push('  view: usable for reads only, never as a proposal target');
  return lines;
}

/** Human rendering of `inspect`: one block per table or view, suggestions last. */
export function renderInspection(inspection: Inspection): string[] {
  const views = inspection.tables.filter((table) => table.type === 'view').length;
  const header = `${inspection.engine} inspection of ${inspection.schemas.join(', ') || '(no schema)'}: ${inspection.tables.length - views} tables, ${views} views (metadata only, no row data)`;
  const lines = [header];
  for (const table of inspection.tables) lines.push('', ...tableLines(table));
  return lines;
}
