import type { InspectedTable, Inspection } from '../ports/index.js';
import { inferBump } from './bump.js';
import { INIT_DEFAULTS, defaultSourceName } from './defaults.js';
import {
  columnOf,
  findInspectedTable,
  suggestedConflictColumn,
  suggestedTenantColumn,
  suggestedVisibleColumns,
} from './inspected-table.js';
import {
  defaultProposalDescription,
  defaultReadDescription,
  idArgOf,
  namespaceOf,
  objectNameOf,
  proposalToolOf,
  readToolOf,
} from './naming.js';
import { inferPatchArgs } from './patch-args.js';
import type { InitRefusal, InitSelection, ResolvedSelection } from './types.js';

export interface ResolveResult {
  resolved: ResolvedSelection | null;
  /** The inspected target, when an inspection was given and holds it. */
  table: InspectedTable | null;
  refusals: InitRefusal[];
}

const unique = (items: Array<string | null | undefined>): string[] => [...new Set(items.filter((item): item is string => Boolean(item)))];

function schemaFor(selection: InitSelection, engine: ResolvedSelection['engine'], inspection: Inspection | undefined): string | null {
  if (selection.schema) return selection.schema;
  if (engine === 'postgres') return 'public';
  return inspection?.schemas[0] ?? null;
}

function tenantFor(selection: InitSelection, table: InspectedTable | null): string | null {
  if (selection.single_tenant_dev) return null;
  return selection.tenant_key ?? (table ? suggestedTenantColumn(table) : null);
}

function bumpFor(selection: InitSelection, conflict: string | null, table: InspectedTable | null): 'now' | 'increment' | null {
  if (selection.bump === 'none' || conflict === null) return null;
  if (selection.bump) return selection.bump;
  return inferBump(conflict, table ? (columnOf(table, conflict)?.type ?? null) : null);
}

/**
 * Fills every default of cli.md's init table from the selection and, when given, a live
 * inspection (primary key, tenant and conflict columns, visible columns, bump by type).
 * Returns refusals for what cannot be defaulted; column checks are `checkAgainstInspection`.
 */
export function resolveInitSelection(selection: InitSelection, inspection?: Inspection): ResolveResult {
  const refusals: InitRefusal[] = [];
  const engine = selection.engine ?? inspection?.engine ?? 'postgres';
  const mode = selection.mode ?? INIT_DEFAULTS.mode;
  if (!selection.table) return { resolved: null, table: null, refusals: [{ code: 'TABLE_REQUIRED', message: 'name the target table with --table (or use --starter)' }] };
  const schema = schemaFor(selection, engine, inspection);
  if (schema === null) return { resolved: null, table: null, refusals: [{ code: 'SCHEMA_REQUIRED', message: 'MySQL needs --schema (the database name) when the URL names none' }] };
  const table = inspection ? findInspectedTable(inspection, schema, selection.table) : null;
  if (inspection && !table) {
    return { resolved: null, table: null, refusals: [{ code: 'TABLE_NOT_FOUND', message: `${schema}.${selection.table}: configured object not found` }] };
  }

  const tenantKey = tenantFor(selection, table);
  if (tenantKey === null && !selection.single_tenant_dev) {
    refusals.push({ code: 'TENANT_COLUMN_REQUIRED', message: `no tenant column for ${schema}.${selection.table}: pass --tenant-column, or --single-tenant-dev for a single-tenant development database` });
  }
  const primaryKey = selection.primary_key ?? (table && table.primary_key.length === 1 ? table.primary_key[0]! : 'id');
  const conflict = selection.conflict_column ?? (table ? suggestedConflictColumn(table) : null);
  const readOnly = mode === 'read_only';
  const patch = readOnly ? {} : (selection.patch ?? {});
  if (!readOnly && Object.keys(patch).length === 0) {
    refusals.push({ code: 'PATCH_REQUIRED', message: `mode ${mode} needs at least one --patch col=fixed:<value> or col=arg:<name> (or --mode read_only)` });
  }
  const numericBounds = readOnly ? {} : (selection.numeric_bounds ?? {});
  const transitionGuards = readOnly ? {} : (selection.transition_guards ?? {});
  const objectName = selection.object_name ?? objectNameOf(selection.table);
  const namespace = selection.namespace ?? namespaceOf(objectName);
  const lookupArg = selection.lookup_arg ?? idArgOf(objectName);
  const writeback = selection.writeback ?? 'sql_update';
  const visible = selection.visible_columns ?? (table ? suggestedVisibleColumns(table) : unique([primaryKey, tenantKey, ...Object.keys(patch), conflict]));

  const resolved: ResolvedSelection = {
    engine,
    mode,
    source_name: selection.source_name ?? defaultSourceName(engine),
    read_url_env: selection.read_url_env ?? INIT_DEFAULTS.read_url_env,
    write_url_env: mode === 'review' && writeback === 'sql_update' ? (selection.write_url_env ?? INIT_DEFAULTS.write_url_env) : null,
    schema,
    table: selection.table,
    primary_key: primaryKey,
    tenant_key: tenantKey,
    conflict_column: conflict,
    bump: writeback === 'sql_update' ? bumpFor(selection, conflict, table) : null,
    visible_columns: visible,
    allowed_columns: readOnly ? [] : (selection.allowed_columns ?? Object.keys(patch)),
    namespace,
    object_name: objectName,
    lookup_arg: lookupArg,
    read_tool: selection.read_tool ?? readToolOf(namespace, objectName),
    proposal_tool: selection.proposal_tool ?? proposalToolOf(namespace, objectName),
    read_description: selection.read_description ?? defaultReadDescription(objectName, lookupArg),
    proposal_description: selection.proposal_description ?? defaultProposalDescription(objectName),
    read_returns_hint: selection.read_returns_hint ?? null,
    proposal_returns_hint: selection.proposal_returns_hint ?? null,
    patch,
    patch_args: inferPatchArgs({ patch, explicit: selection.patch_args ?? {}, numeric_bounds: numericBounds, transition_guards: transitionGuards }),
    numeric_bounds: numericBounds,
    transition_guards: transitionGuards,
    tenant_env: selection.tenant_env ?? INIT_DEFAULTS.tenant_env,
    principal_env: selection.principal_env ?? INIT_DEFAULTS.principal_env,
    approval_role: selection.approval_role ?? INIT_DEFAULTS.approval_role,
    expires_after: selection.expires_after ?? null,
    writeback,
    executor_name: selection.executor_name ?? INIT_DEFAULTS.executor_name,
    handler_url_env: selection.handler_url_env ?? INIT_DEFAULTS.handler_url_env,
    handler_token_env: selection.handler_token_env ?? INIT_DEFAULTS.handler_token_env,
    handler_signing_secret_env: selection.handler_signing_secret_env ?? INIT_DEFAULTS.handler_signing_secret_env,
    handler_command_env: selection.handler_command_env ?? INIT_DEFAULTS.handler_command_env,
    handler_timeout_ms: selection.handler_timeout_ms ?? null,
    sample_id: selection.sample_id ?? null,
  };
  return { resolved: refusals.length > 0 ? null : resolved, table, refusals };
}
