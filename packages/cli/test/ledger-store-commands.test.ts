import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { json, runCli, seedLedger, tempDir, type SeededLedger } from './helpers/ledger-cli.js';

// better-sqlite3 is the store's dependency, not the CLI's: resolve it from there for raw SQL edits.
const Database = createRequire(new URL('../../store-sqlite/package.json', import.meta.url))('better-sqlite3') as typeof import('better-sqlite3');

let tmp: ReturnType<typeof tempDir>;
let seed: SeededLedger;
const cli = (...args: string[]) => runCli(['--store', seed.path, ...args], { cwd: tmp.dir });

/** A lease held by this (live) test process, as a serving runner would write it. */
function liveLease(path: string): void {
  const lease = { pid: process.pid, hostname: hostname(), transport: 'stdio', store_path: path, started_at: '2026-06-20T14:00:00.000Z' };
  writeFileSync(`${path}.lease.json`, JSON.stringify(lease));
}

beforeEach(async () => {
  tmp = tempDir();
  seed = await seedLedger(join(tmp.dir, 'ledger.db'));
});
afterEach(() => tmp.cleanup());

describe('store stats and verify', () => {
  it('stats reports counts, chain head and no lease', async () => {
    const result = await cli('store', 'stats', '--json');
    expect(result.code).toBe(0);
    const stats = json<{ counts: Record<string, number>; chain_head: { seq: number }; lease: unknown; proposals_by_state: Record<string, number> }>(result);
    expect(stats.counts.proposals).toBe(2);
    expect(stats.proposals_by_state).toEqual({ applied: 1, pending_review: 1 });
    expect(stats.chain_head.seq).toBeGreaterThan(0);
    expect(stats.lease).toBeNull();
    const human = await cli('store', 'stats');
    expect(human.stdout).toContain('chain head: seq');
  });

  it('verify passes, then a tampered event payload breaks it (exit 1)', async () => {
    const ok = await cli('store', 'verify', '--json');
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ ok: true, first_break: null });
    const db = new Database(seed.path);
    // An attacker with file access can drop the append-only triggers; verify must still notice.
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'proposal_events'").all() as Array<{ name: string }>) {
      db.exec(`DROP TRIGGER "${name}"`);
    }
    db.prepare("UPDATE proposal_events SET payload_json = '{\"tampered\":true}' WHERE seq = 2").run();
    db.close();
    const broken = await cli('store', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN');
    expect(broken.stdout).toContain('chain break at seq 2');
  });

  it('verify reports a tampered receipt as a record break', async () => {
    const db = new Database(seed.path);
    db.prepare("UPDATE receipts SET receipt_json = json_set(receipt_json, '$.rows_affected', 7)").run();
    db.close();
    const result = await cli('store', 'verify', '--json');
    expect(result.code).toBe(1);
    const body = json<{ record_breaks: Array<{ entity: string }> }>(result);
    expect(body.record_breaks.map((b) => b.entity)).toContain('receipt');
  });
});

describe('store prune', () => {
  it('without --yes is a dry run that deletes nothing', async () => {
    const result = await cli('store', 'prune', '--older-than', '30d', '--json');
    expect(result.code).toBe(0);
    const body = json<{ dry_run: boolean; counts: Record<string, number> }>(result);
    expect(body.dry_run).toBe(true);
    expect(Object.values(body.counts).some((n) => n > 0)).toBe(true);
    expect(json<{ count: number }>(await cli('receipts', 'list', '--json')).count).toBe(1);
  });

  it('--yes deletes final-state proposals and plain reads; pending ones stay; chain still verifies', async () => {
    const result = await cli('store', 'prune', '--older-than', '30d', '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('deleted records created before');
    const proposals = json<{ items: Array<{ kind: string; id: string }> }>(await cli('activity', 'search', '--json')).items;
    expect(proposals.map((i) => i.id)).toEqual([seed.pending.proposal_id]);
    expect(json<{ count: number }>(await cli('receipts', 'list', '--json')).count).toBe(0);
    expect((await cli('store', 'verify')).code).toBe(0);
    const events = (await cli('events', 'tail', '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
    expect(events.at(-1)!.kind).toBe('store_pruned');
  });

  it('refuses --yes beside a live lease unless --force', async () => {
    liveLease(seed.path);
    const refused = await cli('store', 'prune', '--older-than', '30d', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('STORE_IN_USE');
    expect((await cli('store', 'prune', '--older-than', '30d', '--yes', '--force')).code).toBe(0);
  });

  it.each([[['--older-than', '30 days']], [['--older-than', '0d']], [[]], [['--older-than', '1d', '--dry-run', '--yes']]])('bad flags %j exit 2', async (flags) => {
    expect((await cli('store', 'prune', ...flags)).code).toBe(2);
  });
});

describe('store vacuum and reset', () => {
  it('vacuum reports bytes; refused beside a live lease unless --force', async () => {
    expect(json(await cli('store', 'vacuum', '--json'))).toMatchObject({ ok: true });
    liveLease(seed.path);
    const refused = await cli('store', 'vacuum');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('STORE_IN_USE');
    expect((await cli('store', 'vacuum', '--force')).code).toBe(0);
  });

  it('reset without --yes and without a terminal exits 2 and keeps the file', async () => {
    const result = await cli('store', 'reset');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(existsSync(seed.path)).toBe(true);
  });

  it('reset --yes deletes the ledger files; a live lease refuses unless --force', async () => {
    liveLease(seed.path);
    expect((await cli('store', 'reset', '--yes')).code).toBe(1);
    const result = await cli('store', 'reset', '--yes', '--force');
    expect(result.code).toBe(0);
    for (const suffix of ['', '-wal', '-shm', '.lease.json']) expect(existsSync(`${seed.path}${suffix}`)).toBe(false);
  });

  it(':memory: cannot be reset', async () => {
    const result = await runCli(['--store', ':memory:', 'store', 'reset', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STORE_RESET_REFUSED');
  });
});
