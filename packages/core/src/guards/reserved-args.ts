/**
 * Argument names a model may never supply (config.md "Reserved argument names"): trust
 * bindings and identifiers. Used by the config validator (`MODEL_CONTROLLED_RESERVED_ARG`) and
 * at call time (`MODEL_CANNOT_OVERRIDE_BINDING`).
 */
export const RESERVED_ARG_NAMES: readonly string[] = Object.freeze([
  // Trust
  'tenant_id', 'tenantId', 'principal', 'principal_id', 'principalId', 'project_id', 'projectId',
  'source_id', 'sourceId', 'allowed_columns', 'allowedColumns', 'row_version', 'rowVersion',
  'current_version', 'currentVersion', 'expected_version', 'expectedVersion',
  'approval_identity', 'approvalIdentity',
  // Identifiers
  'table', 'table_name', 'tableName', 'schema', 'schema_name', 'schemaName', 'column', 'columns',
  'column_name', 'columnName', 'database', 'database_name', 'databaseName',
]);

/** Lowercase with `_` and `-` removed, so `Tenant-ID`, `tenantId` and `tenant_id` compare equal. */
export function normaliseArgName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

const NORMALISED_RESERVED: ReadonlySet<string> = new Set(RESERVED_ARG_NAMES.map(normaliseArgName));

export function isReservedArgName(name: string): boolean {
  return NORMALISED_RESERVED.has(normaliseArgName(name));
}
