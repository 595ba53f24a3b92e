import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { bundleForNode } from '../../../scripts/bundle-for-node.mjs';

interface WorkerResult { ok: boolean; done: number; errors: string[] }

let worker = '';
const dir = mkdtempSync(join(tmpdir(), 'synapsor-2proc-'));
const clock = { now: () => new Date('2026-06-20T14:00:00.000Z') };

function run(args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as WorkerResult) : reject(new Error(`worker exit ${code}: ${err}`))));
  });
}

beforeAll(async () => {
  worker = await bundleForNode(fileURLToPath(new URL('./fixtures/two-process-worker.ts', import.meta.url)), 'two-process-worker');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(worker, { force: true });
});

describe('two OS processes on one store file', () => {
  it('one appends 2,000 reads while the other approves proposals: no error, all rows, chain intact', async () => {
    const path = join(dir, 'shared', 'ledger.db');
    const store = await openSqliteStore({ path, clock });
    const fx = new LedgerFixtures(Date.parse('2026-06-20T14:00:00.000Z'), 'f0');
    const ids: string[] = [];
    for (let i = 0; i < 150; i += 1) ids.push((await store.createProposal(fx.proposal({ object_id: `P-${i}` }))).proposal.proposal_id);
    await store.close();
    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(ids));

    const [reads, approvals] = await Promise.all([run([path, 'reads', '2000', 'a1']), run([path, 'approve', idsFile, 'b2'])]);
    expect(reads).toEqual({ ok: true, done: 2000, errors: [] });
    expect(approvals).toEqual({ ok: true, done: 150, errors: [] });

    const after = await openSqliteStore({ path, clock });
    const stats = await after.stats();
    expect(stats.counts).toMatchObject({ evidence_bundles: 2150, query_audit: 2150, approvals: 150 });
    expect(stats.proposals_by_state).toEqual({ approved: 150 });
    const verify = await after.verify();
    expect(verify).toMatchObject({ ok: true, events: 150 + 2000 + 150, first_break: null });
    // The writers really overlapped: approval events sit between read events in the chain.
    const approved = (await after.listEvents({ kind: 'proposal_approved', limit: 200 })).map((e) => e.seq);
    const readSeqs = (await after.listEvents({ kind: 'read_recorded', limit: 200 })).map((e) => e.seq);
    expect(Math.min(...approved)).toBeLessThan(Math.max(...readSeqs));
    await after.close();
  });

  it('identical proposals from two processes at once produce one proposal per key', async () => {
    const path = join(dir, 'dedupe', 'ledger.db');
    (await openSqliteStore({ path, clock })).close();
    const barrier = join(dir, 'dedupe', 'barrier');
    const [a, b] = await Promise.all([run([path, 'propose', '200', 'c3', barrier]), run([path, 'propose-reverse', '200', 'd4', barrier])]);
    expect([a.errors, b.errors]).toEqual([[], []]);
    const store = await openSqliteStore({ path, clock });
    const stats = await store.stats();
    expect(stats.counts['proposals']).toBe(200);
    expect(stats.counts['evidence_bundles']).toBe(400);
    expect((await store.listEvents({ kind: 'proposal_deduplicated', limit: 200 })).length).toBe(200);
    // Both processes won some keys, so they ran at the same time on the same keys.
    const winners = new Set((await store.listEvents({ kind: 'proposal_created', limit: 200 })).map((e) => e.event_id.slice(4, 16).slice(-2)));
    expect([...winners].sort()).toEqual(['c3', 'd4']);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });
});
