import { describe, expect, it } from 'vitest';
import type { ProposalRecord, WritebackJob } from '@synapsor/core';
import { apply, applyJobFile, buildWritebackJob, validateJobShape } from '../src/index.js';
import { eventsAfter, headSeq, ledgerView } from './support/ledger.js';
import { recordingExecutor } from './support/recording-executor.js';
import { NOW, unitSetup } from './support/unit-setup.js';

/** What `proposals writeback-job <id>` writes: the derived job at `at`, leased from another process. */
function exportedJob(proposal: ProposalRecord, options: { at?: string; leaseSeconds?: number; attempt?: number } = {}): WritebackJob {
  const now = new Date(options.at ?? '2026-06-20T14:58:00.000Z');
  return JSON.parse(JSON.stringify(buildWritebackJob({
    proposal,
    engine: 'postgres',
    executor: { name: 'sql_update', type: 'sql_update' },
    bump: null,
    attempt: options.attempt ?? 1,
    leaseSeconds: options.leaseSeconds ?? 300,
    holder: { hostname: 'export-host', pid: 777 },
    now,
    random: (bytes) => new Uint8Array(bytes).fill(7),
  })));
}

describe('validateJobShape (validate --job)', () => {
  it('accepts an exported job', async () => {
    const { proposal } = await unitSetup();
    const job = exportedJob(proposal);
    expect(validateJobShape(job)).toEqual({ ok: true, job });
  });

  const BROKEN: Array<[string, (job: any) => void, string]> = [
    ['missing field', (job) => delete job.idempotency_key, '$.idempotency_key'],
    ['unknown field', (job) => (job.sql = 'DROP TABLE invoices'), '$.sql'],
    ['wrong schema_version', (job) => (job.schema_version = 'synapsor.writeback-job.v2'), '$.schema_version'],
    ['unknown engine', (job) => (job.engine = 'oracle'), '$.engine'],
    ['unsafe identifier', (job) => (job.target.table = 'invoices; DROP TABLE x'), '$.target.table'],
    ['unknown guard kind', (job) => (job.conflict_guard = { kind: 'none' }), '$.conflict_guard.kind'],
    ['attempt 0', (job) => (job.attempt = 0), '$.attempt'],
    ['bad lease expiry', (job) => (job.lease.expires_at = 'tomorrow'), '$.lease.expires_at'],
    ['job id of another executor type', (job) => (job.writeback_job_id = `hwb_${job.proposal_id}`), '$'],
    ['patch outside allowed_columns', (job) => (job.patch.balance_cents = 0), '$'],
    ['not an object', () => undefined, '$'],
  ];

  it.each(BROKEN)('%s → issue at %s, value never echoed', async (_name, breakIt, path) => {
    const { proposal } = await unitSetup();
    const job: any = exportedJob(proposal);
    breakIt(job);
    const result = validateJobShape(_name === 'not an object' ? 'job' : job);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toContain(path);
    expect(JSON.stringify(result.issues)).not.toMatch(/DROP|oracle|tomorrow|v2/);
  });
});

describe('applyJobFile (apply --job)', () => {
  it('an exported job equal to the ledger job applies under its own lease, held by this process', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const file = exportedJob(proposal);
    const result = await applyJobFile(file, options());
    expect(result.receipt?.status).toBe('applied');
    expect(result.checks.at(-1)).toEqual({ id: 13, name: 'job_file', status: 'pass', code: null });
    const ran = recorder.calls[0]!.job;
    expect(ran.lease).toEqual({ lease_id: file.lease.lease_id, expires_at: file.lease.expires_at, holder: { hostname: 'test-host', pid: 4242 } });
    expect(ran.created_at).toBe(file.created_at);
    expect((await store.getJob(proposal.proposal_id))!.lease.lease_id).toBe(file.lease.lease_id);
  });

  it.each<[string, (job: WritebackJob) => void, string]>([
    ['patch', (job) => (job.patch.late_fee_cents = 5), 'patch'],
    ['target', (job) => (job.target.primary_key.value = 'INV-4001'), 'target'],
    ['tenant guard', (job) => (job.tenant_guard = { column: 'tenant_id', value: 'globex' }), 'tenant_guard'],
    ['conflict guard', (job) => (job.conflict_guard = { kind: 'column', column: 'updated_at', expected_value: '2030-01-01T00:00:00Z', bump: null }), 'conflict_guard'],
    ['executor', (job) => { job.executor = { name: 'billing_api', type: 'http_handler' }; job.writeback_job_id = `hwb_${job.proposal_id}`; }, 'executor'],
    ['proposal hash', (job) => (job.proposal_hash = `sha256:${'f'.repeat(64)}`), 'proposal_hash'],
  ])('a job whose %s differs from the ledger → JOB_MISMATCH naming the field, nothing runs', async (_name, edit, field) => {
    const { store, proposal, recorder, options } = await unitSetup();
    const file = exportedJob(proposal);
    edit(file);
    const seq = await headSeq(store);
    const result = await applyJobFile(file, options());
    expect(result.refused?.code).toBe('JOB_MISMATCH');
    expect(result.refused?.message).toContain(field);
    expect(result.refused?.message).not.toContain('globex');
    expect(recorder.calls).toHaveLength(0);
    expect(await eventsAfter(store, seq)).toEqual([{ kind: 'writeback_refused', payload: { code: 'JOB_MISMATCH' }, proposal_id: proposal.proposal_id }]);
    expect((await ledgerView(store, proposal.proposal_id)).proposal!.state).toBe('approved');
  });

  it('only the lease may differ: another lease id and holder are accepted', async () => {
    const { proposal, options } = await unitSetup();
    const file = exportedJob(proposal);
    file.lease = { lease_id: 'lease_other', expires_at: '2026-06-20T15:10:00.000Z', holder: { hostname: 'elsewhere', pid: 1 } };
    expect((await applyJobFile(file, options())).receipt?.status).toBe('applied');
  });

  it('a job exported before another attempt is stale → JOB_MISMATCH on attempt', async () => {
    const { proposal, options } = await unitSetup();
    const file = exportedJob(proposal);
    const failing = recordingExecutor('sql_update', 'sql_update', { status: 'failed', safe_error_code: 'DATABASE_UNAVAILABLE', source_database_mutated: false, rows_affected: 0 });
    await apply(proposal.proposal_id, options({ executors: { sql_update: failing.executor } }));
    const result = await applyJobFile(file, options({ retry: true }));
    expect(result.refused).toMatchObject({ code: 'JOB_MISMATCH' });
    expect(result.refused?.message).toMatch(/attempt$/);
    expect((await applyJobFile(exportedJob(proposal, { attempt: 2 }), options({ retry: true }))).receipt?.status).toBe('applied');
  });

  it('an expired lease → WRITEBACK_LEASE_EXPIRED, nothing runs', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const file = exportedJob(proposal, { at: '2026-06-20T14:50:00.000Z', leaseSeconds: 600 }); // expires exactly at 15:00
    const result = await applyJobFile(file, options());
    expect(result.refused?.code).toBe('WRITEBACK_LEASE_EXPIRED');
    expect(recorder.calls).toHaveLength(0);
    expect((await store.getProposal(proposal.proposal_id))!.state).toBe('approved');
    expect(Date.parse(file.lease.expires_at)).toBe(NOW.getTime());
  });

  it('a job file is never authority: an unapproved proposal is refused by the usual checks', async () => {
    const { proposal, recorder, options } = await unitSetup({ approve: false });
    const result = await applyJobFile(exportedJob(proposal), options());
    expect(result.refused?.code).toBe('PROPOSAL_NOT_APPROVED');
    expect(recorder.calls).toHaveLength(0);
  });

  it('a malformed job file → JOB_INVALID with a proposal-less writeback_refused event', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const file: any = exportedJob(proposal);
    delete file.patch;
    const seq = await headSeq(store);
    const result = await applyJobFile(file, options());
    expect(result).toMatchObject({ ok: false, refused: { code: 'JOB_INVALID' }, checks: [{ id: 13, status: 'fail', code: 'JOB_INVALID' }] });
    expect(result.refused?.message).toContain('$.patch');
    expect(recorder.calls).toHaveLength(0);
    expect(await eventsAfter(store, seq)).toEqual([{ kind: 'writeback_refused', payload: { code: 'JOB_INVALID' }, proposal_id: null }]);
  });

  it('dry run with a job file checks it the same way and records only writeback_dry_run', async () => {
    const { store, proposal, recorder, options } = await unitSetup();
    const result = await applyJobFile(exportedJob(proposal), options({ dryRun: true }));
    expect(result.dry_run).toMatchObject({ would: 'applied' });
    expect(recorder.calls[0]!.dryRun).toBe(true);
    expect((await ledgerView(store, proposal.proposal_id)).events.at(-1)!.kind).toBe('writeback_dry_run');
  });
});
