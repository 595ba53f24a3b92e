import { describe, expect, it } from 'vitest';
import type { ExecutorType, WritebackExecutor } from '@synapsor/core';
import { apply, type ApplyOptions } from '../src/index.js';
import { ENV, makeApproval, makeConfig, makeProposal, type ProposalInput } from './support/fixtures.js';
import { recordingExecutor } from './support/recording-executor.js';
import { createTestStore } from './support/test-store.js';

const NOW = new Date('2026-06-20T15:00:00.000Z');
const clock = { now: () => new Date(NOW) };

function setup(input: ProposalInput = {}, approvalOverrides = {}, type: ExecutorType = 'sql_update', name = 'sql_update') {
  const store = createTestStore();
  const proposal = makeProposal({ executor: name, ...input });
  store.seed(proposal, [makeApproval(proposal, approvalOverrides)]);
  const recorder = recordingExecutor(type, name);
  const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    config: makeConfig(),
    store,
    executors: { [name]: recorder.executor } as Record<string, WritebackExecutor>,
    actor: 'billing.lead',
    env: { ...ENV },
    clock,
    hostname: 'test-host',
    pid: 4242,
    isPidAlive: () => true,
    ...extra,
  });
  return { store, proposal, recorder, options };
}

describe('apply: happy path and bookkeeping', () => {
  it('claims, dispatches, records the receipt, state and events', async () => {
    const { store, proposal, recorder, options } = setup();
    const result = await apply(proposal.proposal_id, options({ leaseSeconds: 1 }));
    expect(result.ok).toBe(true);
    expect(result.receipt?.status).toBe('applied');
    expect(result.checks.map((check) => check.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const job = recorder.calls[0]!.job;
    expect(job.writeback_job_id).toBe(`wbj_${proposal.proposal_id}`);
    expect(job.idempotency_key).toBe(`${proposal.proposal_id}:INV-3001`);
    expect(job.attempt).toBe(1);
    expect(job.lease.expires_at).toBe('2026-06-20T15:00:15.000Z'); // clamped up to 15 s
    expect(job.lease.holder).toEqual({ hostname: 'test-host', pid: 4242 });
    expect(job.conflict_guard).toEqual({ kind: 'column', column: 'updated_at', expected_value: '2026-06-20T14:31:08.123456Z', bump: null });
    const state = store.state();
    expect(state.proposals[proposal.proposal_id]!.state).toBe('applied');
    expect(state.events.map((event) => event.kind)).toEqual(['writeback_started', 'writeback_applied']);
    expect(state.receipts).toHaveLength(1);
  });

  it('clamps long leases to one hour and uses hwb_ ids for handlers', async () => {
    const { proposal, recorder, options } = setup(
      { action: 'billing.propose_waiver_via_api' },
      {},
      'http_handler',
      'billing_api',
    );
    await apply(proposal.proposal_id, options({ leaseSeconds: 99_999 }));
    expect(recorder.calls[0]!.job.lease.expires_at).toBe('2026-06-20T16:00:00.000Z');
    expect(recorder.calls[0]!.job.writeback_job_id).toBe(`hwb_${proposal.proposal_id}`);
  });

  it('reports an applied proposal as already_applied without calling the executor', async () => {
    const { store, proposal, recorder, options } = setup();
    const first = await apply(proposal.proposal_id, options());
    const second = await apply(proposal.proposal_id, options());
    expect(second).toMatchObject({ ok: true, already_applied: true });
    expect(second.receipt?.receipt_id).toBe(first.receipt?.receipt_id);
    expect(recorder.calls).toHaveLength(1);
    expect(store.state().events).toHaveLength(2);
  });

  it('dry run: executor in dry-run mode, only a writeback_dry_run event, no state change', async () => {
    const { store, proposal, recorder, options } = setup();
    const result = await apply(proposal.proposal_id, options({ dryRun: true }));
    expect(result.dry_run).toMatchObject({ would: 'applied', safe_error_code: null });
    expect(recorder.calls[0]!.dryRun).toBe(true);
    const state = store.state();
    expect(state.events.map((event) => event.kind)).toEqual(['writeback_dry_run']);
    expect(state.proposals[proposal.proposal_id]!.state).toBe('approved');
    expect(state.receipts).toHaveLength(0);
    expect(state.jobs[proposal.proposal_id]).toBeUndefined();
  });

  it('two concurrent applies: one claims, the other gets WRITEBACK_IN_PROGRESS', async () => {
    const { store, proposal, recorder, options } = setup();
    const results = await Promise.all([apply(proposal.proposal_id, options()), apply(proposal.proposal_id, options())]);
    const codes = results.map((result) => result.refused?.code ?? result.receipt?.status).sort();
    expect(codes).toEqual(['WRITEBACK_IN_PROGRESS', 'applied']);
    expect(recorder.calls).toHaveLength(1);
    expect(store.state().receipts).toHaveLength(1);
  });

  it('an executor that throws still ends the attempt with a failed receipt', async () => {
    const { store, proposal, options } = setup();
    const broken: WritebackExecutor = { type: 'sql_update', name: 'sql_update', apply: () => Promise.reject(new Error('boom postgres://x:y@h/db')) };
    const result = await apply(proposal.proposal_id, options({ executors: { sql_update: broken } }));
    expect(result.receipt).toMatchObject({ status: 'failed', safe_error_code: 'TRANSACTION_FAILED' });
    expect(JSON.stringify(result.receipt)).not.toContain('boom');
    expect(store.state().proposals[proposal.proposal_id]!.state).toBe('failed');
  });
});

describe('apply: retry and crash recovery', () => {
  it('failed needs --retry; the retry is attempt 2 with the same job id and key', async () => {
    const { store, proposal, options } = setup();
    const failing = recordingExecutor('sql_update', 'sql_update', { status: 'failed', safe_error_code: 'DATABASE_UNAVAILABLE', source_database_mutated: false, rows_affected: 0 });
    const first = await apply(proposal.proposal_id, options({ executors: { sql_update: failing.executor } }));
    expect(first.receipt?.status).toBe('failed');
    const noRetry = await apply(proposal.proposal_id, options());
    expect(noRetry.refused?.code).toBe('RETRY_REQUIRED');
    const ok = recordingExecutor('sql_update', 'sql_update');
    const retried = await apply(proposal.proposal_id, options({ retry: true, executors: { sql_update: ok.executor } }));
    expect(retried.receipt?.status).toBe('applied');
    expect(ok.calls[0]!.job.attempt).toBe(2);
    expect(ok.calls[0]!.job.writeback_job_id).toBe(failing.calls[0]!.job.writeback_job_id);
    expect(ok.calls[0]!.job.idempotency_key).toBe(failing.calls[0]!.job.idempotency_key);
    expect(store.state().proposals[proposal.proposal_id]!.state).toBe('applied');
  });

  it('a failed proposal past expiry cannot be retried', async () => {
    const { store, proposal, options } = setup({ expiresAt: '2026-06-20T14:59:00.000Z', state: 'failed' });
    const result = await apply(proposal.proposal_id, options({ retry: true }));
    expect(result.refused?.code).toBe('PROPOSAL_EXPIRED');
    expect(store.state().proposals[proposal.proposal_id]!.state).toBe('failed');
  });

  it('conflict is terminal', async () => {
    const { proposal, recorder, options } = setup({ state: 'conflict' });
    const result = await apply(proposal.proposal_id, options({ retry: true }));
    expect(result.refused?.code).toBe('PROPOSAL_NOT_APPROVED');
    expect(recorder.calls).toHaveLength(0);
  });

  it('pending_worker with a live lease refuses; a dead holder pid makes it reclaimable as attempt n+1', async () => {
    const { store, proposal, options } = setup();
    const hanging: WritebackExecutor = { type: 'sql_update', name: 'sql_update', apply: () => Promise.reject(new Error('crash')) };
    // Simulate a crash: claim through a run whose receipt is never recorded.
    const crashingStore = { ...store, recordReceipt: () => Promise.reject(new Error('killed')) };
    await expect(apply(proposal.proposal_id, options({ store: crashingStore, executors: { sql_update: hanging } }))).rejects.toThrow('killed');
    expect(store.state().proposals[proposal.proposal_id]!.state).toBe('pending_worker');
    const live = await apply(proposal.proposal_id, options());
    expect(live.refused?.code).toBe('WRITEBACK_IN_PROGRESS');
    const recovered = recordingExecutor('sql_update', 'sql_update');
    const result = await apply(proposal.proposal_id, options({ isPidAlive: () => false, executors: { sql_update: recovered.executor } }));
    expect(result.receipt?.status).toBe('applied');
    expect(recovered.calls[0]!.job.attempt).toBe(2);
  });

  it('an expired lease is stale even when its holder lives', async () => {
    const { store, proposal, options } = setup();
    const crashingStore = { ...store, recordReceipt: () => Promise.reject(new Error('killed')) };
    await expect(apply(proposal.proposal_id, options({ store: crashingStore, leaseSeconds: 15 }))).rejects.toThrow('killed');
    const later = { now: () => new Date(NOW.getTime() + 16_000) };
    const result = await apply(proposal.proposal_id, options({ clock: later }));
    expect(result.receipt?.status).toBe('applied');
  });
});
