import { canonicalJson, isoNow } from '@synapsor/core';
import type { ChangeSet, ColumnValue, ExecutorContext, JsonObject, Row, WritebackJob } from '@synapsor/core';

/** `synapsor.handler-writeback.v1` — the body both handler executors send. */
export interface HandlerRequestBody {
  protocol_version: '1.0';
  schema_version: 'synapsor.handler-writeback.v1';
  writeback_job_id: string;
  attempt: number;
  proposal_id: string;
  proposal_version: number;
  proposal_hash: string;
  action: string;
  executor: string;
  runner_id: string;
  idempotency_key: string;
  issued_at: string;
  dry_run: boolean;
  source: ChangeSet['source'];
  target: WritebackJob['target'];
  tenant_guard: ColumnValue | null;
  allowed_columns: string[];
  before: Row;
  patch: Row;
  after: Row;
  guards: ChangeSet['guards'];
  evidence: ChangeSet['evidence'];
  approval: {
    approval_id: string;
    status: 'approved';
    approved_by: string;
    approved_at: string;
    required_role: string | null;
  };
  source_database_mutated: false;
  change_set: ChangeSet;
}

export function buildHandlerRequest(job: WritebackJob, context: ExecutorContext): HandlerRequestBody {
  const { changeSet, approval, proposal } = context;
  return {
    protocol_version: '1.0',
    schema_version: 'synapsor.handler-writeback.v1',
    writeback_job_id: job.writeback_job_id,
    attempt: job.attempt,
    proposal_id: job.proposal_id,
    proposal_version: job.proposal_version,
    proposal_hash: job.proposal_hash,
    action: changeSet.action,
    executor: job.executor.name,
    runner_id: context.runnerId,
    idempotency_key: job.idempotency_key,
    // Fresh per attempt so a retry carries a fresh, signed timestamp.
    issued_at: isoNow(context.clock),
    dry_run: context.dryRun,
    source: changeSet.source,
    target: job.target,
    tenant_guard: job.tenant_guard,
    allowed_columns: changeSet.guards.allowed_columns,
    before: changeSet.before,
    patch: changeSet.patch,
    after: changeSet.after,
    guards: changeSet.guards,
    evidence: changeSet.evidence,
    approval: {
      approval_id: approval.approval_id,
      status: 'approved',
      approved_by: approval.actor,
      approved_at: approval.decided_at,
      required_role: changeSet.approval.required_role ?? proposal.required_role,
    },
    source_database_mutated: false,
    change_set: changeSet,
  };
}

/** Serialised exactly once: these bytes are signed and sent (or piped to stdin). */
export function serializeHandlerRequest(body: HandlerRequestBody): Buffer {
  return Buffer.from(canonicalJson(body as unknown as JsonObject), 'utf8');
}
