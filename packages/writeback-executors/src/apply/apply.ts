import { randomBytes } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { isSynapsorError, isoNow, newId, systemClock } from '@synapsor/core';
import type {
  Clock,
  ExecutionReceipt,
  ExecutorContext,
  EventKind,
  JsonObject,
  LedgerStore,
  RandomSource,
  WritebackExecutor,
  WritebackJob,
} from '@synapsor/core';
import { buildExecutionReceipt, failedOutcome } from '../executors/receipt.js';
import { resolveExecutor } from './executors.js';
import { buildWritebackJob, clampLeaseSeconds } from './job.js';
import { acceptJobFile } from './job-file.js';
import { validateJobShape } from './job-schema.js';
import { defaultIsPidAlive } from './lease.js';
import { runPreflight, step } from './preflight.js';
import { PreflightRefusal } from './refusal.js';
import type { ApplyCheck, ApplyOptions, ApplyResult } from './types.js';

/** Claim refusals that mean the state moved between our checks and the compare-and-set. */
const LOST_RACE_CODES = new Set(['WRITEBACK_IN_PROGRESS', 'RETRY_REQUIRED', 'PROPOSAL_NOT_APPROVED', 'PROPOSAL_NOT_FOUND']);

const NEXT_STATE = { applied: 'applied', already_applied: 'applied', conflict: 'conflict', failed: 'failed' } as const;

interface Session {
  store: LedgerStore;
  clock: Clock;
  random: RandomSource;
  actor: string;
  runnerId: string;
  checks: ApplyCheck[];
}

function event(session: Session, proposalId: string | null, kind: EventKind, actor: string, payload: JsonObject) {
  return {
    event_id: newId('evt', session.random),
    proposal_id: proposalId,
    kind,
    actor,
    payload,
    created_at: isoNow(session.clock),
  };
}

/** A refusal appends `writeback_refused` and changes nothing else. */
async function refused(session: Session, proposalId: string | null, error: PreflightRefusal | { code: string; message: string }): Promise<ApplyResult> {
  await session.store.appendEvent(event(session, proposalId, 'writeback_refused', session.actor, { code: error.code }));
  return { ok: false, refused: { code: error.code, message: error.message }, checks: session.checks };
}

/** An executor that throws is a bug, but the attempt must still end with a receipt. */
async function dispatch(executor: WritebackExecutor, job: WritebackJob, context: ExecutorContext): Promise<ExecutionReceipt> {
  const startedAt = context.clock.now();
  try {
    return await executor.apply(job, context);
  } catch (error) {
    const code = isSynapsorError(error) ? error.code : executor.type === 'sql_update' ? 'TRANSACTION_FAILED' : 'HANDLER_FAILED';
    return buildExecutionReceipt(job, context, failedOutcome(code), startedAt);
  }
}

async function storedReceipt(store: LedgerStore, proposalId: string): Promise<ExecutionReceipt | undefined> {
  const receipts = await store.listReceiptsFor(proposalId);
  return receipts.filter((receipt) => receipt.status === 'applied' || receipt.status === 'already_applied').at(-1);
}

function newSession(options: ApplyOptions): Session {
  return {
    store: options.store,
    clock: options.clock ?? systemClock,
    random: options.random ?? ((bytes) => randomBytes(bytes)),
    actor: options.actor,
    runnerId: options.runnerId ?? options.env.SYNAPSOR_RUNNER_ID ?? 'local_runner',
    checks: [],
  };
}

/** Check 13 (only for `apply --job`): the job file is the ledger's job and its lease is live. */
const JOB_FILE_CHECK = { id: 13, name: 'job_file' } as const;

/**
 * `apply` (writeback.md): pre-flight checks 1–12 → claim (compare-and-set, lease) → executor →
 * receipt + state + event. Writeback happens only here, outside MCP.
 */
export async function apply(proposalId: string, options: ApplyOptions): Promise<ApplyResult> {
  return runApply(newSession(options), proposalId, options, null);
}

/**
 * `apply --job job.json`: `job` is the parsed file. A bad shape is refused with `JOB_INVALID`;
 * otherwise the usual checks 1–12 run for its proposal, then check 13 (`JOB_MISMATCH`,
 * `WRITEBACK_LEASE_EXPIRED`). The file only selects and confirms; the ledger stays the authority.
 */
export async function applyJobFile(job: unknown, options: ApplyOptions): Promise<ApplyResult> {
  const session = newSession(options);
  const shape = validateJobShape(job);
  if (!shape.ok) {
    session.checks.push({ ...JOB_FILE_CHECK, status: 'fail', code: 'JOB_INVALID' });
    const fields = [...new Set(shape.issues.map((issue) => issue.path))].slice(0, 5).join(', ');
    return refused(session, null, { code: 'JOB_INVALID', message: `The job file is not a valid writeback job (${fields})` });
  }
  return runApply(session, shape.job.proposal_id, options, shape.job);
}

async function runApply(session: Session, proposalId: string, options: ApplyOptions, jobFile: WritebackJob | null): Promise<ApplyResult> {
  const host = { hostname: options.hostname ?? osHostname(), isPidAlive: options.isPidAlive ?? defaultIsPidAlive };
  const now = session.clock.now();
  const knownProposal = () => session.checks.some((check) => check.id === 2 && check.status === 'pass');
  let executor: WritebackExecutor;
  let preflight;
  try {
    preflight = await runPreflight(
      {
        proposalId,
        config: options.config,
        store: options.store,
        env: options.env,
        retry: options.retry ?? false,
        allowSharedCredential: options.allowSharedCredential ?? false,
        now,
        host,
      },
      session.checks,
    );
    if (preflight.kind === 'already_applied') {
      const receipt = await storedReceipt(options.store, proposalId);
      return { ok: true, already_applied: true, ...(receipt ? { receipt } : {}), checks: session.checks };
    }
    const { config, capability, executorName, executorType } = preflight.verified;
    executor = resolveExecutor({
      config,
      sourceId: capability.source,
      executorName,
      executorType,
      env: options.env,
      sources: options.sources ?? {},
      executors: options.executors ?? {},
    });
  } catch (error) {
    if (error instanceof PreflightRefusal) return refused(session, knownProposal() ? proposalId : null, error);
    throw error;
  }

  const { config, proposal, approval, capability, executorName, executorType, previousJob } = preflight.verified;
  const derived = buildWritebackJob({
    proposal,
    engine: config.sources[capability.source]!.engine,
    executor: { name: executorName, type: executorType },
    bump: capability.conflict_guard.bump ?? null,
    attempt: (previousJob?.attempt ?? 0) + 1,
    leaseSeconds: clampLeaseSeconds(options.leaseSeconds),
    holder: { hostname: host.hostname, pid: options.pid ?? process.pid },
    now,
    random: session.random,
  });
  let job = derived;
  if (jobFile) {
    try {
      job = await step(session.checks, JOB_FILE_CHECK.id, JOB_FILE_CHECK.name, () => acceptJobFile(derived, jobFile, now));
    } catch (error) {
      if (error instanceof PreflightRefusal) return refused(session, proposalId, error);
      throw error;
    }
  }
  const context: ExecutorContext = {
    proposal,
    changeSet: proposal.change_set,
    approval,
    runnerId: session.runnerId,
    dryRun: options.dryRun ?? false,
    env: options.env,
    clock: session.clock,
    random: session.random,
  };

  if (context.dryRun) {
    const receipt = await dispatch(executor, job, context);
    const would = receipt.status === 'already_applied' ? 'applied' : receipt.status;
    await options.store.appendEvent(
      event(session, proposalId, 'writeback_dry_run', session.actor, { would, safe_error_code: receipt.safe_error_code }),
    );
    return { ok: would === 'applied', dry_run: { would, safe_error_code: receipt.safe_error_code, receipt }, checks: session.checks };
  }

  try {
    await options.store.claimWriteback({
      proposal_id: proposalId,
      from_states: [proposal.state],
      job,
      event: event(session, proposalId, 'writeback_started', session.actor, {
        writeback_job_id: job.writeback_job_id,
        attempt: job.attempt,
        executor: executorName,
        lease_expires_at: job.lease.expires_at,
      }),
      now: isoNow(session.clock),
    });
  } catch (error) {
    // The store refused the compare-and-set; ours never touched the source. A changed state
    // means a concurrent apply won; other codes (expiry, JOB_MISMATCH, …) are reported as they are.
    if (!isSynapsorError(error)) throw error;
    if (!LOST_RACE_CODES.has(error.code)) return refused(session, proposalId, { code: error.code, message: error.message });
    return refused(session, proposalId, { code: 'WRITEBACK_IN_PROGRESS', message: 'Another apply claimed this proposal first' });
  }

  const receipt = await dispatch(executor, job, context);
  await options.store.recordReceipt({
    receipt,
    new_state: NEXT_STATE[receipt.status],
    event: event(session, proposalId, `writeback_${receipt.status}`, session.runnerId, {
      receipt_id: receipt.receipt_id,
      receipt_hash: receipt.receipt_hash,
      attempt: receipt.attempt,
      safe_error_code: receipt.safe_error_code,
    }),
    now: isoNow(session.clock),
  });
  return { ok: receipt.status === 'applied' || receipt.status === 'already_applied', receipt, checks: session.checks };
}
