import * as v from 'valibot';
import type { ChangeSet } from '@synapsor/core';
import { columnValue, hash, identifier, row, scalar, storedId, timestamp } from '../shared/schema-parts.js';

const expectedVersion = v.union([
  v.strictObject({ column: v.literal('__row_hash'), value: v.string(), columns: v.array(identifier) }),
  v.strictObject({ column: identifier, value: scalar }),
]);

const guards = v.strictObject({
  tenant: v.nullable(columnValue),
  allowed_columns: v.array(identifier),
  expected_version: expectedVersion,
});

const source = v.strictObject({
  kind: v.picklist(['external_postgres', 'external_mysql']),
  source_id: v.string(),
  schema: identifier,
  table: identifier,
  primary_key: columnValue,
});

/** The stored change set; only what the handler relies on is typed, the hash covers the rest. */
const changeSet = v.looseObject({
  schema_version: v.literal('synapsor.change-set.v1'),
  proposal_id: storedId,
  proposal_version: v.pipe(v.number(), v.integer()),
  action: v.string(),
  scope: v.looseObject({ tenant_id: v.nullable(v.string()), principal: v.string(), object_id: v.string() }),
  source,
  before: row,
  patch: row,
  after: row,
  guards,
  evidence: v.looseObject({ bundle_id: v.string(), query_fingerprint: v.string() }),
  integrity: v.strictObject({ proposal_hash: hash }),
});

/** `synapsor.handler-writeback.v1` as a handler parses it (check 9); unknown keys are rejected. */
export const WritebackRequestSchema = v.strictObject({
  protocol_version: v.string(),
  schema_version: v.string(),
  writeback_job_id: storedId,
  attempt: v.pipe(v.number(), v.integer(), v.minValue(1)),
  proposal_id: storedId,
  proposal_version: v.pipe(v.number(), v.integer()),
  proposal_hash: hash,
  action: v.string(),
  executor: v.string(),
  runner_id: v.string(),
  idempotency_key: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  issued_at: timestamp,
  dry_run: v.boolean(),
  source,
  target: v.strictObject({ schema: identifier, table: identifier, primary_key: columnValue }),
  tenant_guard: v.nullable(columnValue),
  allowed_columns: v.array(identifier),
  before: row,
  patch: row,
  after: row,
  guards,
  evidence: v.looseObject({ bundle_id: v.string(), query_fingerprint: v.string() }),
  approval: v.strictObject({
    approval_id: v.string(),
    status: v.literal('approved'),
    approved_by: v.string(),
    approved_at: v.string(),
    required_role: v.nullable(v.string()),
  }),
  source_database_mutated: v.literal(false),
  change_set: changeSet,
});

export type WritebackRequest = Omit<v.InferOutput<typeof WritebackRequestSchema>, 'change_set'> & { change_set: ChangeSet };
