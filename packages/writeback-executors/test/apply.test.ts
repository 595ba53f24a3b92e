import { describe, expect, it } from 'vitest';
import type { WritebackExecutor } from '@synapsor/core';
import { apply } from '../src/index.js';
import { makeExpiringConfig } from './support/fixtures.js';
import { ledgerView } from './support/ledger.js';
import { recordingExecutor } from './support/recording-executor.js';
import { crashingBeforeReceipt, NOW, unitSetup } from './support/unit-setup.js';

describe('apply: happy path and bookkeeping', () => {
  it('claims, dispatches, records the receipt, state and events', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
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
    const view = await ledgerView(store, proposal.proposal_id);
    expect(view.proposal!.state).toBe('applied');
    expect(view.events.map((event) => event.kind)).toEqual(['proposal_created', 'proposal_approved', 'writeback_started', 'writeback_applied']);
    expect(view.receipts).toHaveLength(1);
    expect(view.job).toMatchObject({ attempt: 1, writeback_job_id: job.writeback_job_id });
    expect((await store.verify()).ok).toBe(true);
  });

  it('clamps long leases to one hour and uses hwb_ ids for handlers', async () => {
    const { proposal, recorder, options } = await unitSetup({ type: 'http_handler', name: 'billing_api' });
    await apply(proposal.proposal_id, options({ leaseSeconds: 99_999 }));
    expect(recorder.calls[0]!.job.lease.expires_at).toBe('2026-06-20T16:00:00.000Z');
    expect(recorder.calls[0]!.job.writeback_job_id).toBe(`hwb_${proposal.proposal_id}`);
  });

  it('reports an applied proposal as already_applied without calling the executor', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const first = await apply(proposal.proposal_id, options());
    const second = await apply(proposal.proposal_id, options());
    expect(second).toMatchObject({ ok: true, already_applied: true });
    expect(second.receipt?.receipt_id).toBe(first.receipt?.receipt_id);
    expect(recorder.calls).toHaveLength(1);
    expect((await ledgerView(store, proposal.proposal_id)).events).toHaveLength(4);
  });

  it('dry run: executor in dry-run mode, only a writeback_dry_run event, no state change', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const result = await apply(proposal.proposal_id, options({ dryRun: true }));
    expect(result.dry_run).toMatchObject({ would: 'applied', safe_error_code: null });
    expect(recorder.calls[0]!.dryRun).toBe(true);
    const view = await ledgerView(store, proposal.proposal_id);
    expect(view.events.map((event) => event.kind).slice(2)).toEqual(['writeback_dry_run']);
    expect(view.proposal!.state).toBe('approved');
    expect(view.receipts).toHaveLength(0);
    expect(view.job).toBeNull();
  });

  it('two concurrent applies: one claims, the other gets WRITEBACK_IN_PROGRESS', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const results = await Promise.all([apply(proposal.proposal_id, options()), apply(proposal.proposal_id, options())]);
    const codes = results.map((result) => result.refused?.code ?? result.receipt?.status).sort();
    expect(codes).toEqual(['WRITEBACK_IN_PROGRESS', 'applied']);
    expect(recorder.calls).toHaveLength(1);
    expect((await ledgerView(store, proposal.proposal_id)).receipts).toHaveLength(1);
  });

  it('an executor that throws still ends the attempt with a failed receipt', async () => {
    const { store, proposal, options } = await unitSetup();
    const broken: WritebackExecutor = { type: 'sql_update', name: 'sql_update', apply: () => Promise.reject(new Error('boom postgres://x:y@h/db')) };
    const result = await apply(proposal.proposal_id, options({ executors: { sql_update: broken } }));
    expect(result.receipt).toMatchObject({ status: 'failed', safe_error_code: 'TRANSACTION_FAILED' });
    expect(JSON.stringify(result.receipt)).not.toContain('boom');
    expect((await store.getProposal(proposal.proposal_id))!.state).toBe('failed');
  });
});

describe('apply: retry and crash recovery', () => {
  it('failed needs --retry; the retry is attempt 2 with the same job id and key', async () => {
    const { store, proposal, options } = await unitSetup();
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
    const view = await ledgerView(store, proposal.proposal_id);
    expect(view.proposal!.state).toBe('applied');
    expect(view.receipts.map((receipt) => [receipt.attempt, receipt.status])).toEqual([[1, 'failed'], [2, 'applied']]);
  });

  it('a failed proposal past expiry cannot be retried', async () => {
    const config = makeExpiringConfig();
    const { store, proposal, options } = await unitSetup({ config });
    const failing = recordingExecutor('sql_update', 'sql_update', { status: 'failed', safe_error_code: 'DATABASE_UNAVAILABLE', source_database_mutated: false, rows_affected: 0 });
    // The first attempt runs before expiry (14:45), the retry after it (15:00).
    await apply(proposal.proposal_id, options({ config, executors: { sql_update: failing.executor }, clock: { now: () => new Date('2026-06-20T14:45:00.000Z') } }));
    const result = await apply(proposal.proposal_id, options({ config, retry: true }));
    expect(result.refused?.code).toBe('PROPOSAL_EXPIRED');
    expect((await store.getProposal(proposal.proposal_id))!.state).toBe('failed');
  });

  it('conflict is terminal', async () => {
    const { proposal, recorder, options } = await unitSetup();
    const conflicting = recordingExecutor('sql_update', 'sql_update', { status: 'conflict', safe_error_code: 'VERSION_CONFLICT', source_database_mutated: false, rows_affected: 0 });
    await apply(proposal.proposal_id, options({ executors: { sql_update: conflicting.executor } }));
    const result = await apply(proposal.proposal_id, options({ retry: true }));
    expect(result.refused?.code).toBe('PROPOSAL_NOT_APPROVED');
    expect(recorder.calls).toHaveLength(0);
  });

  it('pending_worker with a live lease refuses; a dead holder pid makes it reclaimable as attempt n+1', async () => {
    const { store, proposal, options } = await unitSetup();
    await expect(apply(proposal.proposal_id, options({ store: crashingBeforeReceipt(store) }))).rejects.toThrow('killed');
    expect((await store.getProposal(proposal.proposal_id))!.state).toBe('pending_worker');
    const live = await apply(proposal.proposal_id, options());
    expect(live.refused?.code).toBe('WRITEBACK_IN_PROGRESS');
    const recovered = recordingExecutor('sql_update', 'sql_update');
    const result = await apply(proposal.proposal_id, options({ isPidAlive: () => false, executors: { sql_update: recovered.executor } }));
    expect(result.receipt?.status).toBe('applied');
    expect(recovered.calls[0]!.job.attempt).toBe(2);
  });

  it('an expired lease is stale even when its holder lives', async () => {
    const { store, proposal, options } = await unitSetup();
    await expect(apply(proposal.proposal_id, options({ store: crashingBeforeReceipt(store), leaseSeconds: 15 }))).rejects.toThrow('killed');
    const later = { now: () => new Date(NOW.getTime() + 16_000) };
    const result = await apply(proposal.proposal_id, options({ clock: later }));
    expect(result.receipt?.status).toBe('applied');
  });
});
