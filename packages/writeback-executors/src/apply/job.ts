import { newId, sha256Hex } from '@synapsor/core';
import type { ChangeSet, Engine, ExecutorType, JobConflictGuard, ProposalRecord, RandomSource, WritebackJob } from '@synapsor/core';

export const DEFAULT_LEASE_SECONDS = 300;
const MIN_LEASE_SECONDS = 15;
const MAX_LEASE_SECONDS = 3600;
const MAX_IDEMPOTENCY_KEY = 255;

export function clampLeaseSeconds(seconds: number | undefined): number {
  const value = Number.isFinite(seconds) ? Math.floor(seconds as number) : DEFAULT_LEASE_SECONDS;
  return Math.min(MAX_LEASE_SECONDS, Math.max(MIN_LEASE_SECONDS, value));
}

/** `<proposal_id>:<object_id>`, hashed when longer than 255 chars; identical for every attempt. */
export function idempotencyKeyFor(proposalId: string, objectId: string): string {
  const key = `${proposalId}:${objectId}`;
  return key.length <= MAX_IDEMPOTENCY_KEY ? key : `${proposalId}:h${sha256Hex(objectId).slice(0, 32)}`;
}

export function writebackJobIdFor(proposalId: string, type: ExecutorType): string {
  return `${type === 'sql_update' ? 'wbj' : 'hwb'}_${proposalId}`;
}

export function conflictGuardOf(changeSet: ChangeSet, bump: 'now' | 'increment' | null): JobConflictGuard {
  const expected = changeSet.guards.expected_version;
  if ('columns' in expected && expected.column === '__row_hash') {
    return { kind: 'row_hash', columns: [...expected.columns], expected_hash: expected.value };
  }
  return { kind: 'column', column: expected.column, expected_value: expected.value, bump };
}

export interface JobInput {
  proposal: ProposalRecord;
  engine: Engine;
  executor: { name: string; type: ExecutorType };
  /** Reviewed bump; only `sql_update` moves the version itself. */
  bump: 'now' | 'increment' | null;
  attempt: number;
  leaseSeconds: number;
  holder: { hostname: string; pid: number };
  now: Date;
  random: RandomSource;
}

/** `synapsor.writeback-job.v1`, derived only from the verified ledger proposal and reviewed config. */
export function buildWritebackJob(input: JobInput): WritebackJob {
  const { proposal, executor } = input;
  const changeSet = proposal.change_set;
  return {
    schema_version: 'synapsor.writeback-job.v1',
    writeback_job_id: writebackJobIdFor(proposal.proposal_id, executor.type),
    proposal_id: proposal.proposal_id,
    proposal_version: proposal.proposal_version,
    proposal_hash: proposal.proposal_hash,
    runner_scope: { project_id: 'local', source_id: changeSet.source.source_id },
    engine: input.engine,
    operation: 'single_row_update',
    executor: { ...executor },
    target: {
      schema: changeSet.source.schema,
      table: changeSet.source.table,
      primary_key: { ...changeSet.source.primary_key },
    },
    tenant_guard: changeSet.guards.tenant ? { ...changeSet.guards.tenant } : null,
    allowed_columns: [...changeSet.guards.allowed_columns],
    patch: { ...changeSet.patch },
    conflict_guard: conflictGuardOf(changeSet, executor.type === 'sql_update' ? input.bump : null),
    idempotency_key: idempotencyKeyFor(proposal.proposal_id, changeSet.scope.object_id),
    attempt: input.attempt,
    lease: {
      lease_id: newId('lease', input.random),
      expires_at: new Date(input.now.getTime() + input.leaseSeconds * 1000).toISOString(),
      holder: { ...input.holder },
    },
    created_at: input.now.toISOString(),
  };
}
