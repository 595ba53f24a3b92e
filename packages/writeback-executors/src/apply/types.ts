import type {
  ApprovalRecord,
  Clock,
  ExecutionReceipt,
  LedgerStore,
  ProposalCapabilityConfig,
  ProposalRecord,
  RandomSource,
  RunnerConfig,
  SourceAdapter,
  WritebackExecutor,
  WritebackJob,
} from '@synapsor/core';
import type { EnvMap } from '../executors/settings.js';

export interface ApplyOptions {
  /** The config document: validated again here (check 1), never trusted as already valid. */
  config: unknown;
  store: LedgerStore;
  /** Adapters by source name, used by the built-in `sql_update`. */
  sources?: Readonly<Record<string, SourceAdapter>>;
  /** Executors by name; overrides the ones built from the config (tests, custom wiring). */
  executors?: Readonly<Record<string, WritebackExecutor>>;
  /** `--runner` > `SYNAPSOR_RUNNER_ID` > `local_runner`. */
  runnerId?: string;
  actor: string;
  dryRun?: boolean;
  retry?: boolean;
  allowSharedCredential?: boolean;
  env: EnvMap;
  clock?: Clock;
  random?: RandomSource;
  hostname?: string;
  pid?: number;
  /** Default 300, clamped to 15..3600. */
  leaseSeconds?: number;
  /** Lease staleness for a holder on this host; default: `process.kill(pid, 0)`. */
  isPidAlive?: (pid: number) => boolean;
}

export type CheckStatus = 'pass' | 'fail';

/** One pre-flight check as reported to the operator (writeback.md table numbering). */
export interface ApplyCheck {
  id: number;
  name: string;
  status: CheckStatus;
  code: string | null;
}

export interface ApplyRefusal {
  code: string;
  message: string;
}

export interface ApplyResult {
  ok: boolean;
  /** The attempt's receipt, or the stored one when the proposal was already applied. */
  receipt?: ExecutionReceipt;
  /** True when check 3 stopped the run: the proposal was applied before; nothing ran. */
  already_applied?: boolean;
  refused?: ApplyRefusal;
  dry_run?: { would: 'applied' | 'conflict' | 'failed'; safe_error_code: string | null; receipt: ExecutionReceipt };
  checks: ApplyCheck[];
}

/** Everything the checks established; the job is built from this and nothing else. */
export interface VerifiedApply {
  config: RunnerConfig;
  proposal: ProposalRecord;
  approval: ApprovalRecord;
  capability: ProposalCapabilityConfig;
  executorName: string;
  previousJob: WritebackJob | null;
}
