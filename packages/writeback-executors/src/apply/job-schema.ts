import * as v from 'valibot';
import type { WritebackJob } from '@synapsor/core';
import { columnValue, hash, identifier, positiveInteger, row, scalar, storedId, timestamp } from '../shared/schema-parts.js';
import { writebackJobIdFor } from './job.js';

const conflictGuard = v.variant('kind', [
  v.strictObject({
    kind: v.literal('column'),
    column: identifier,
    expected_value: scalar,
    bump: v.nullable(v.picklist(['now', 'increment'])),
  }),
  v.strictObject({ kind: v.literal('row_hash'), columns: v.pipe(v.array(identifier), v.minLength(1)), expected_hash: v.string() }),
]);

/** `synapsor.writeback-job.v1` (writeback.md) as `validate --job` checks it; unknown keys are errors. */
export const WritebackJobSchema = v.pipe(
  v.strictObject({
    schema_version: v.literal('synapsor.writeback-job.v1'),
    writeback_job_id: storedId,
    proposal_id: storedId,
    proposal_version: positiveInteger,
    proposal_hash: hash,
    runner_scope: v.strictObject({ project_id: v.literal('local'), source_id: v.pipe(v.string(), v.minLength(1)) }),
    engine: v.picklist(['postgres', 'mysql']),
    operation: v.literal('single_row_update'),
    executor: v.strictObject({
      name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      type: v.picklist(['sql_update', 'http_handler', 'command_handler']),
    }),
    target: v.strictObject({ schema: identifier, table: identifier, primary_key: columnValue }),
    tenant_guard: v.nullable(columnValue),
    allowed_columns: v.pipe(v.array(identifier), v.minLength(1)),
    patch: v.pipe(row, v.check((patch) => Object.keys(patch).length > 0, 'the patch is empty')),
    conflict_guard: conflictGuard,
    idempotency_key: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
    attempt: positiveInteger,
    lease: v.strictObject({
      lease_id: storedId,
      expires_at: timestamp,
      holder: v.strictObject({ hostname: v.pipe(v.string(), v.minLength(1), v.maxLength(255)), pid: positiveInteger }),
    }),
    created_at: timestamp,
  }),
  // Cross-field rules a well-formed job always satisfies, whatever the ledger says.
  v.check(
    (job) => job.writeback_job_id === writebackJobIdFor(job.proposal_id, job.executor.type),
    'writeback_job_id must be wbj_<proposal_id> (sql_update) or hwb_<proposal_id> (handlers)',
  ),
  v.check(
    (job) => Object.keys(job.patch).every((column) => job.allowed_columns.includes(column)),
    'every patch column must be in allowed_columns',
  ),
);

export interface JobShapeIssue {
  /** `$.lease.expires_at`-style path; `$` for whole-job rules. */
  path: string;
  message: string;
}

export type JobShapeResult = { ok: true; job: WritebackJob } | { ok: false; issues: JobShapeIssue[] };

/**
 * `validate --job`: shape only — a valid shape is never authority (only `applyJobFile`
 * compares it with the ledger). Messages name the expectation, never the received value.
 */
export function validateJobShape(json: unknown): JobShapeResult {
  const parsed = v.safeParse(WritebackJobSchema, json);
  if (parsed.success) return { ok: true, job: parsed.output as WritebackJob };
  const issues = parsed.issues.map((issue) => {
    const dotPath = v.getDotPath(issue);
    const path = dotPath ? `$.${dotPath}` : '$';
    const message = issue.type === 'check' ? issue.message : `expected ${issue.expected ?? 'a valid value'}`;
    return { path, message };
  });
  return { ok: false, issues };
}
