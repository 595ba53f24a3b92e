import { SynapsorError } from '../errors/index.js';
import { isSqlIdentifier } from '../guards/index.js';
import { hashCanonical } from '../hashing/index.js';
import type { ChangeSet, ColumnValue, Engine, ExpectedVersion, Row, TrustedContext } from '../records/index.js';

export interface ChangeSetInput {
  proposal_id: string;
  action: string;
  mode: ChangeSet['mode'];
  context: TrustedContext;
  /** `false` for `single_tenant_dev`: scope and guards then carry no tenant. */
  tenant_bound: boolean;
  engine: Engine;
  source_id: string;
  schema: string;
  table: string;
  primary_key: ColumnValue;
  object_id: string;
  tenant: ColumnValue | null;
  before: Row;
  patch: Row;
  allowed_columns: string[];
  expected_version: ExpectedVersion;
  evidence: { bundle_id: string; query_fingerprint: string };
  required_role: string | null;
  expires_at: string | null;
  writeback: { mode: ChangeSet['writeback']['mode']; executor: string };
  created_at: string;
}

/** `after` = `before` overlaid with `patch`. */
export const overlay = (before: Row, patch: Row): Row => ({ ...before, ...patch });

export function changeSetHash(changeSet: Omit<ChangeSet, 'integrity'> | ChangeSet): string {
  const { integrity: _ignored, ...body } = changeSet as ChangeSet;
  return hashCanonical(body);
}

function invariant(ok: boolean, message: string): void {
  if (!ok) throw new SynapsorError('CHANGE_SET_INVARIANT', message);
}

/**
 * Checked at build and again at writeback: non-empty patch inside the allow-list, no key,
 * tenant or version column writable, identifiers only.
 */
export function assertChangeSetInvariants(changeSet: ChangeSet): void {
  const patchColumns = Object.keys(changeSet.patch);
  const allowed = changeSet.guards.allowed_columns;
  invariant(patchColumns.length > 0, 'change set patch is empty');
  invariant(patchColumns.every((column) => allowed.includes(column)), 'patch column outside allowed_columns');
  const protectedColumns = [
    changeSet.source.primary_key.column,
    changeSet.guards.tenant?.column,
    changeSet.guards.expected_version.column,
  ];
  invariant(!protectedColumns.some((column) => column !== undefined && allowed.includes(column)), 'protected column is writable');
  const identifiers = [
    changeSet.source.schema,
    changeSet.source.table,
    changeSet.source.primary_key.column,
    ...(changeSet.guards.tenant ? [changeSet.guards.tenant.column] : []),
    ...allowed,
    ...patchColumns,
  ];
  const version = changeSet.guards.expected_version;
  if ('columns' in version) identifiers.push(...version.columns);
  else identifiers.push(version.column);
  if (!identifiers.every(isSqlIdentifier)) throw new SynapsorError('UNSAFE_IDENTIFIER', 'change set has an unsafe identifier');
}

/** Step 16: the immutable `synapsor.change-set.v1` with its `proposal_hash`. */
export function buildChangeSet(input: ChangeSetInput): ChangeSet {
  const body: Omit<ChangeSet, 'integrity'> = {
    schema_version: 'synapsor.change-set.v1',
    proposal_id: input.proposal_id,
    proposal_version: 1,
    action: input.action,
    mode: input.mode,
    principal: { id: input.context.principal, source: input.context.provenance },
    scope: {
      tenant_id: input.tenant_bound ? input.context.tenant_id : null,
      principal: input.context.principal,
      object_type: input.table,
      object_id: input.object_id,
      business_object: input.table,
    },
    source: {
      kind: input.engine === 'postgres' ? 'external_postgres' : 'external_mysql',
      source_id: input.source_id,
      schema: input.schema,
      table: input.table,
      primary_key: input.primary_key,
    },
    before: input.before,
    patch: input.patch,
    after: overlay(input.before, input.patch),
    guards: {
      tenant: input.tenant_bound ? input.tenant : null,
      allowed_columns: [...input.allowed_columns],
      expected_version: input.expected_version,
    },
    evidence: input.evidence,
    approval: { mode: 'human', status: 'pending', required_role: input.required_role, expires_at: input.expires_at },
    writeback: { status: 'not_applied', mode: input.writeback.mode, executor: input.writeback.executor },
    source_database_mutated: false,
    created_at: input.created_at,
  };
  const changeSet: ChangeSet = { ...body, integrity: { proposal_hash: changeSetHash(body) } };
  assertChangeSetInvariants(changeSet);
  return changeSet;
}
