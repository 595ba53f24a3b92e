import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertNoSecrets, runCli, startCli, tempDir } from './helpers/cli.js';

const dir = tempDir('synapsor-demo-');
afterAll(() => dir.remove());

describe('demo', () => {
  it('demo --json runs the 9 steps non-interactively and removes its folder', { timeout: 120_000 }, async () => {
    const run = await runCli(['demo', '--json'], { cwd: dir.path });
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ ok: true, applied: 1, already_applied: 1, conflict: 1, cross_tenant_refused: true, kept_at: null, failures: [] });
    expect(summary.proposal_id).toMatch(/^wrp_[0-9a-f]{24}$/);
    expect(summary.conflict_proposal_id).toMatch(/^wrp_[0-9a-f]{24}$/);
    expect(summary.evidence_id).toMatch(/^ev_[0-9a-f]{24}$/);
    expect(run.code).toBe(0);
    for (const step of ['[1/9]', '[5/9]', '[9/9]', 'VERSION_CONFLICT', 'NOT_FOUND_IN_TENANT', 'application_name=reader|writer', 'onboard db --from-env DATABASE_URL']) {
      expect(run.stderr).toContain(step);
    }
    expect(existsSync(join(dir.path, '.synapsor', 'demo'))).toBe(false);
    assertNoSecrets(run.stdout + run.stderr);
  });

  it('demo --quick --json writes the fixed-id ledger fixture without a database; replay and verify read it', async () => {
    const run = await runCli(['demo', '--quick', '--json'], { cwd: dir.path });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      ok: true,
      store: join(dir.path, '.synapsor', 'quick-demo.db'),
      proposal_id: 'wrp_quick_INV_3001',
      evidence_id: 'ev_quick_INV_3001',
      query_audit_ids: ['qa_quick_INV_3001'],
      integrity: { chain_ok: true, proposal_hash_ok: true, evidence_hashes_ok: true },
    });

    const replay = await runCli(['replay', 'show', 'wrp_quick_INV_3001', '--store', './.synapsor/quick-demo.db', '--json'], { cwd: dir.path });
    expect(replay.code).toBe(0);
    const doc = JSON.parse(replay.stdout).replay;
    expect(doc.proposal).toMatchObject({ proposal_id: 'wrp_quick_INV_3001', state: 'pending_review', action: 'billing.propose_late_fee_waiver', evidence_bundle_id: 'ev_quick_INV_3001' });
    expect(doc.evidence.map((bundle: { evidence_bundle_id: string }) => bundle.evidence_bundle_id)).toEqual(['ev_quick_INV_3001']);
    expect(doc.query_audit[0]).toMatchObject({ query_audit_id: 'qa_quick_INV_3001', evidence_bundle_id: 'ev_quick_INV_3001', proposal_id: 'wrp_quick_INV_3001' });
    expect(doc.query_audit[0].statement_template).toContain('"invoices"');
    expect((await runCli(['store', 'verify', '--store', './.synapsor/quick-demo.db'], { cwd: dir.path })).code).toBe(0);

    // A second run starts from an empty file, so the fixed ids never collide.
    expect((await runCli(['demo', '--quick', '--json'], { cwd: dir.path })).code).toBe(0);
  });

  it('demo --keep leaves data, config, ledger and a 0600 env file; demo db serves it', { timeout: 120_000 }, async () => {
    const run = await runCli(['demo', '--keep'], { cwd: dir.path });
    expect(run.code).toBe(0);
    const kept = join(dir.path, '.synapsor', 'demo');
    expect(readdirSync(kept).sort()).toEqual(expect.arrayContaining(['local.db', 'pgdata', 'runner.env', 'synapsor.runner.json']));
    expect(statSync(join(kept, 'runner.env')).mode & 0o777).toBe(0o600);
    expect(run.stdout).toContain('synapsor-runner demo db --data-dir ./.synapsor/demo');
    expect(run.stdout).toContain('mcp serve --config ./.synapsor/demo/synapsor.runner.json --store ./.synapsor/demo/local.db');
    assertNoSecrets(run.stdout + run.stderr);

    const port = String(40000 + Math.floor(Math.random() * 20000));
    const db = startCli(['demo', 'db', '--port', port], { cwd: dir.path });
    await db.waitForStderr(`127.0.0.1:${port}`);
    expect(await db.stop('SIGINT')).toBe(0);
    expect(db.stderr()).toContain('stopped');
  });
});
