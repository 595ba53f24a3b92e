import type {
  ApprovalRecord,
  ChangeSet,
  ExecutionReceipt,
  ExecutorType,
  ProposalRecord,
  WritebackJob,
} from '../records/index.js';
import type { Clock, RandomSource } from '../ids/index.js';
import type { Check } from './check.js';

export interface ExecutorContext {
  proposal: ProposalRecord;
  changeSet: ChangeSet;
  approval: ApprovalRecord;
  runnerId: string;
  dryRun: boolean;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  random: RandomSource;
}

/** Port: applies one writeback job and returns the attempt's execution receipt. */
export interface WritebackExecutor {
  readonly type: ExecutorType;
  readonly name: string;
  apply(job: WritebackJob, context: ExecutorContext): Promise<ExecutionReceipt>;
  check?(): Promise<Check[]>;
}
