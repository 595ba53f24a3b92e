import type { Engine, ExecutionReceipt, NormalizedValue, Row, WritebackJob } from '../records/index.js';
import type { Check } from './check.js';

/**
 * The single statement a read executes, built by core from the reviewed config only.
 * Identifiers are validated; values are bound, never interpolated.
 */
export interface ReadPlan {
  source_id: string;
  engine: Engine;
  schema: string;
  table: string;
  /** Read columns, deduplicated: visible, pk, tenant, conflict, patch, transition-from. */
  columns: string[];
  /** Columns whose values reach the model; a binary value in one of these is refused. */
  visible_columns: string[];
  primary_key: string;
  lookup_value: string | number | boolean;
  /** `null` only for `single_tenant_dev` capabilities. */
  tenant_key: string | null;
  tenant_value: string | null;
  /** Always 2: enough to tell "exactly one" from "not unique". */
  limit: 2;
  statement_timeout_ms: number;
}

export interface ReadResult {
  /** Normalised rows (≤ 2), keyed by column name. */
  rows: Row[];
  duration_ms: number;
}

/** What a guarded single-row UPDATE did (writeback.md `sql_update`). */
export interface AdapterOutcome {
  status: ExecutionReceipt['status'];
  rows_affected: number;
  previous_version: string | null;
  new_version: string | null;
  source_database_mutated: boolean;
  safe_error_code: string | null;
  /** Present for dry runs: what would have happened; nothing was committed. */
  dry_run?: { would: 'applied' | 'conflict' | 'failed'; safe_error_code: string | null };
}

export interface InspectedColumn {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  generated: boolean;
  suggestions: Array<'tenant' | 'conflict' | 'immutable' | 'sensitive' | 'large_binary'>;
}

export interface InspectedTable {
  schema: string;
  name: string;
  type: 'table' | 'view';
  columns: InspectedColumn[];
  primary_key: string[];
  unique_constraints: string[][];
  foreign_keys: Array<{ columns: string[]; references: { schema: string; table: string; columns: string[] } }>;
  indexes: Array<{ name: string; columns: string[]; unique: boolean }>;
}

export interface Inspection {
  engine: Engine;
  schemas: string[];
  tables: InspectedTable[];
}

export type DoctorProbe =
  | { kind: 'reader' }
  | { kind: 'writer' }
  | { kind: 'receipts_table' }
  | { kind: 'writable_column'; schema: string; table: string; column: string }
  | { kind: 'target_object'; schema: string; table: string; columns: string[]; must_be_table: boolean };

/** Port: one configured source database. Implementations pool connections per process. */
export interface SourceAdapter {
  readonly engine: Engine;
  /** The exact SQL text (placeholders, no values) `readOne` runs for this plan. */
  readTemplate(plan: ReadPlan): string;
  /** One read-only, bound, tenant-scoped statement. Throws `SynapsorError` with a safe code. */
  readOne(plan: ReadPlan): Promise<ReadResult>;
  applyGuardedUpdate(job: WritebackJob, options: { dryRun: boolean }): Promise<AdapterOutcome>;
  inspect(options: { schemas?: string[] }): Promise<Inspection>;
  doctor(probes: DoctorProbe[]): Promise<Check[]>;
  close(): Promise<void>;
}

export type { NormalizedValue };
