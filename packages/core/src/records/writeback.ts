import type { ColumnValue, Engine, JsonObject, NormalizedValue, Row } from './common.js';

export type ExecutorType = 'sql_update' | 'http_handler' | 'command_handler';

export type JobConflictGuard =
  | { kind: 'column'; column: string; expected_value: NormalizedValue; bump: 'now' | 'increment' | null }
  | { kind: 'row_hash'; columns: string[]; expected_hash: string };

/** `synapsor.writeback-job.v1`: the verified instruction for one approved proposal. */
export interface WritebackJob {
  schema_version: 'synapsor.writeback-job.v1';
  writeback_job_id: string;
  proposal_id: string;
  proposal_version: number;
  proposal_hash: string;
  runner_scope: { project_id: 'local'; source_id: string };
  engine: Engine;
  operation: 'single_row_update';
  executor: { name: string; type: ExecutorType };
  target: { schema: string; table: string; primary_key: ColumnValue };
  tenant_guard: ColumnValue | null;
  allowed_columns: string[];
  patch: Row;
  conflict_guard: JobConflictGuard;
  idempotency_key: string;
  attempt: number;
  lease: { lease_id: string; expires_at: string; holder: { hostname: string; pid: number } };
  created_at: string;
}

export type ReceiptStatus = 'applied' | 'already_applied' | 'conflict' | 'failed';

/** `synapsor.execution-receipt.v1`: the outcome of one attempt. */
export interface ExecutionReceipt {
  schema_version: 'synapsor.execution-receipt.v1';
  receipt_id: string;
  writeback_job_id: string;
  proposal_id: string;
  attempt: number;
  executor: { name: string; type: ExecutorType };
  runner_id: string;
  idempotency_key: string;
  status: ReceiptStatus;
  rows_affected: number;
  previous_version: string | null;
  new_version: string | null;
  source_database_mutated: boolean;
  safe_error_code: string | null;
  details: JsonObject;
  executed_at: string;
  duration_ms: number;
  receipt_hash: string;
}
