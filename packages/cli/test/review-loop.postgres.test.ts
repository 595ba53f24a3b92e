import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoSecrets, baseEnv, runCli, tempDir } from './helpers/cli.js';
import { createScratchReference, postgresReachable, referenceEnv, type ScratchReference } from './helpers/scratch-postgres.js';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('propose → approve → apply against PostgreSQL (scratch schema)', () => {
  const dir = tempDir();
  let ref: ScratchReference;
  let common: string[];
  const outputs: string[] = [];
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const run = await runCli([...args, ...common], { cwd: dir.path, env: baseEnv({ ...referenceEnv(), ...env }) });
    outputs.push(run.stdout, run.stderr);
    return run;
  };
  let proposalId = '';

  beforeAll(async () => {
    ref = await createScratchReference(dir.path);
    common = ['--config', ref.configPath, '--store', join(dir.path, 'local.db')];
  });
  afterAll(async () => {
    await ref?.drop();
    dir.remove();
  });

  it('propose creates a proposal and leaves the row unchanged', async () => {
    const run = await cli(['propose', 'billing.propose_late_fee_waiver', '--input-json', '{"invoice_id":"INV-3001","reason":"first late payment"}', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.envelope.proposal.diff.late_fee_cents).toEqual({ before: 5500, proposed: 0 });
    proposalId = result.envelope.proposal.id;
    const [row] = await ref.query(`SELECT late_fee_cents FROM ${ref.schema}.invoices WHERE id = 'INV-3001'`);
    expect(row).toEqual({ late_fee_cents: 5500 });
  });

  it('approve without --yes on a non-TTY stdin is a usage error and records nothing', async () => {
    const run = await cli(['proposals', 'approve', 'latest', '--actor', 'billing.reviewer'], { SYNAPSOR_OPERATOR_ROLES: 'billing_lead' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONFIRMATION_REQUIRED');
    const show = JSON.parse((await cli(['proposals', 'show', proposalId, '--json'])).stdout);
    expect(show.proposal.state).toBe('pending_review');
  });

  it('the proposing principal cannot approve (SELF_APPROVAL_FORBIDDEN, exit 1)', async () => {
    const run = await cli(['proposals', 'approve', 'latest', '--actor', 'support.agent', '--yes', '--json'], { SYNAPSOR_OPERATOR_ROLES: 'billing_lead' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('SELF_APPROVAL_FORBIDDEN');
  });

  it('an operator without the required role is refused (APPROVAL_ROLE_REQUIRED, exit 1)', async () => {
    const run = await cli(['proposals', 'approve', proposalId, '--yes'], { SYNAPSOR_OPERATOR: 'ops.person', SYNAPSOR_OPERATOR_ROLES: 'support_lead' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('APPROVAL_ROLE_REQUIRED');
  });

  it('roles from an operators file win over env roles', async () => {
    const file = join(dir.path, 'operators.json');
    writeFileSync(file, JSON.stringify({ version: 1, operators: { 'someone.else': { roles: ['billing_lead'] } } }));
    const run = await cli(['proposals', 'approve', proposalId, '--yes', '--actor', 'billing.reviewer', '--operators', file], { SYNAPSOR_OPERATOR_ROLES: 'billing_lead' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('OPERATOR_UNKNOWN');
  });

  it('approve with the role prints the reviewer block and approves', async () => {
    const run = await cli(['proposals', 'approve', 'latest', '--actor', 'billing.reviewer', '--yes'], { SYNAPSOR_OPERATOR_ROLES: 'billing_lead' });
    expect(run.code).toBe(0);
    for (const part of ['principal: support.agent', 'tenant: acme', 'late_fee_cents: 5500 → 0', 'required role: billing_lead', 'operator: billing.reviewer (flag) roles: billing_lead', 'hash: sha256:', 'version 1', 'expires: never']) {
      expect(run.stdout).toContain(part);
    }
  });

  it('apply refuses a write URL equal to the read URL, and a dry run writes nothing', async () => {
    const shared = await cli(['apply', 'latest'], { REFERENCE_POSTGRES_WRITE_URL: referenceEnv().REFERENCE_POSTGRES_READ_URL! });
    expect(shared.code).toBe(1);
    expect(shared.stdout).toContain('refused: SHARED_CREDENTIAL_REFUSED');
    const dry = await cli(['apply', 'latest', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).dry_run.would).toBe('applied');
    const [row] = await ref.query(`SELECT late_fee_cents FROM ${ref.schema}.invoices WHERE id = 'INV-3001'`);
    expect(row).toEqual({ late_fee_cents: 5500 });
  });

  it('apply writes the row once and prints the receipt; re-apply is already_applied', async () => {
    const run = await cli(['apply', 'latest', '--actor', 'billing.reviewer']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('status: applied');
    expect(run.stdout).toContain(`idempotency key: ${proposalId}:INV-3001`);
    const [row] = await ref.query(`SELECT late_fee_cents FROM ${ref.schema}.invoices WHERE id = 'INV-3001'`);
    expect(row).toEqual({ late_fee_cents: 0 });
    const again = await cli(['apply', proposalId, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, already_applied: true, outcome: 'already_applied' });
  });

  it('replay export (markdown) contains the diff and the receipt', async () => {
    const out = join(dir.path, 'replay.md');
    const run = await cli(['replay', 'export', proposalId, '--format', 'markdown', '--output', out]);
    expect(run.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/late_fee_cents.*5500.*\b0\b/);
    const show0 = JSON.parse((await cli(['proposals', 'show', proposalId, '--json'])).stdout);
    expect(text).toContain(show0.receipts[0].receipt_hash);
    const show = JSON.parse((await cli(['proposals', 'show', proposalId, '--json'])).stdout);
    expect(show.proposal.state).toBe('applied');
    expect(show.receipts[0]).toMatchObject({ status: 'applied', rows_affected: 1 });
  });

  it('a conflicting change between approval and apply ends in VERSION_CONFLICT (exit 1, row untouched)', async () => {
    const proposed = await cli(['propose', 'support.propose_ticket_resolution', '--input-json', '{"ticket_id":"T-1042","resolution_note":"done"}', '--json']);
    const id = JSON.parse(proposed.stdout).envelope.proposal.id as string;
    expect((await cli(['proposals', 'approve', id, '--yes', '--actor', 'lead'], { SYNAPSOR_OPERATOR_ROLES: 'support_lead' })).code).toBe(0);
    await ref.query(`UPDATE ${ref.schema}.support_tickets SET updated_at = updated_at + interval '1 minute' WHERE id = 'T-1042'`);
    const run = await cli(['apply', id, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).receipt).toMatchObject({ status: 'conflict', safe_error_code: 'VERSION_CONFLICT', rows_affected: 0 });
    const [row] = await ref.query(`SELECT status, resolution_note FROM ${ref.schema}.support_tickets WHERE id = 'T-1042'`);
    expect(row).toEqual({ status: 'open', resolution_note: null });
  });

  it('reject needs a reason and records the decision', async () => {
    const proposed = await cli(['propose', 'orders.propose_status_change', '--input-json', '{"order_id":"O-1001","status":"canceled","reason":"dup"}', '--json']);
    const id = JSON.parse(proposed.stdout).envelope.proposal.id as string;
    expect((await cli(['proposals', 'reject', id, '--yes'])).code).toBe(2);
    const run = await cli(['proposals', 'reject', id, '--yes', '--reason', 'duplicate order', '--actor', 'ops']);
    expect(run.code).toBe(0);
    const list = JSON.parse((await cli(['proposals', 'list', '--state', 'rejected', '--json'])).stdout);
    expect(list.proposals.map((proposal: { proposal_id: string }) => proposal.proposal_id)).toEqual([id]);
  });

  it('apply of a rejected proposal is refused with its code (exit 1)', async () => {
    const list = JSON.parse((await cli(['proposals', 'list', '--state', 'rejected', '--json'])).stdout);
    const run = await cli(['apply', list.proposals[0].proposal_id]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('refused: PROPOSAL_NOT_APPROVED');
  });

  it('an exported job validates and applies only while it matches the ledger', async () => {
    const proposed = await cli(['propose', 'support.propose_plan_credit', '--input-json', '{"customer_id":"cust_acme_2","credit_cents":1200,"reason":"outage"}', '--json']);
    const id = JSON.parse(proposed.stdout).envelope.proposal.id as string;
    expect((await cli(['proposals', 'approve', id, '--yes', '--actor', 'lead'], { SYNAPSOR_OPERATOR_ROLES: 'support_lead' })).code).toBe(0);
    const jobPath = join(dir.path, 'job.json');
    expect((await cli(['proposals', 'writeback-job', id, '--output', jobPath])).code).toBe(0);
    const valid = await cli(['validate', '--job', jobPath, '--json']);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ ok: true, proposal_id: id });

    const job = JSON.parse(readFileSync(jobPath, 'utf8'));
    const tamperedPath = join(dir.path, 'tampered.json');
    writeFileSync(tamperedPath, JSON.stringify({ ...job, patch: { ...job.patch, plan_credit_cents: 5000 } }));
    const tampered = await cli(['apply', '--job', tamperedPath]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('JOB_MISMATCH');

    writeFileSync(join(dir.path, 'broken.json'), '{"schema_version":"nope"}');
    expect((await cli(['validate', '--job', join(dir.path, 'broken.json')])).code).toBe(1);
    expect((await cli(['validate', '--job', join(dir.path, 'absent.json')])).code).toBe(2);

    const applied = await cli(['apply', '--job', jobPath, '--json']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).receipt.status).toBe('applied');
    const [row] = await ref.query(`SELECT plan_credit_cents FROM ${ref.schema}.customers WHERE id = 'cust_acme_2'`);
    expect(row).toEqual({ plan_credit_cents: 1200 });
  });

  it('smoke call reads through the runtime; a cross-tenant id is NOT_FOUND_IN_TENANT (exit 1)', async () => {
    const ok = await cli(['smoke', 'call', 'billing.inspect_invoice', '--input-json', '{"invoice_id":"INV-3002"}']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('source database changed: no');
    const foreign = await cli(['smoke', 'call', 'billing.inspect_invoice', '--input-json', '{"invoice_id":"INV-9001"}', '--json']);
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.stdout).envelope.error.code).toBe('NOT_FOUND_IN_TENANT');
  });

  it('a wrong password in the read URL never reaches the output', async () => {
    const url = new URL(referenceEnv().REFERENCE_POSTGRES_READ_URL!);
    url.username = 'nobody_here';
    url.password = 'Sup3rSecretPw';
    const run = await cli(['smoke', 'call', 'billing.inspect_invoice', '--input-json', '{"invoice_id":"INV-3001"}'], { REFERENCE_POSTGRES_READ_URL: url.toString() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TEMPORARILY_UNAVAILABLE');
    assertNoSecrets(run.stdout + run.stderr, ['Sup3rSecretPw', 'nobody_here']);
  });

  it('no command output in this loop contained a database URL', () => {
    expect(() => assertNoSecrets(outputs.join('\n'))).not.toThrow();
  });
});
