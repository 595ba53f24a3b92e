import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { json, runCli, seedLedger, tempDir, type SeededLedger } from './helpers/ledger-cli.js';

let tmp: ReturnType<typeof tempDir>;
let seed: SeededLedger;
const cli = (...args: string[]) => runCli(['--store', seed.path, ...args], { cwd: tmp.dir });
type Items = { ok: boolean; count: number; items: Array<Record<string, unknown>> };

beforeAll(async () => {
  tmp = tempDir();
  seed = await seedLedger(join(tmp.dir, 'ledger.db'));
});
afterAll(() => tmp.cleanup());

describe('help', () => {
  it.each([
    ['replay'], ['replay', 'list'], ['replay', 'show'], ['replay', 'export'], ['evidence', 'list'], ['evidence', 'show'],
    ['evidence', 'export'], ['query-audit', 'list'], ['query-audit', 'export'], ['receipts', 'list'], ['receipts', 'show'],
    ['activity', 'search'], ['events', 'tail'], ['events', 'webhook'], ['store', 'prune'], ['store', 'reset'],
    ['writeback', 'grants'], ['writeback', 'migration'], ['writeback', 'doctor'], ['handler', 'template'], ['audit'], ['mcp', 'audit'],
  ])('%s %s --help exits 0 with usage', async (...command) => {
    const result = await runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: synapsor-runner ${command.join(' ')}`);
  });
});

describe('evidence, query-audit, receipts', () => {
  it('lists evidence newest first with --json', async () => {
    const result = await cli('evidence', 'list', '--json');
    expect(result.code).toBe(0);
    const body = json<Items>(result);
    expect(body.ok).toBe(true);
    expect(body.items.map((e) => e.object_id)).toEqual(['C-7', 'INV-2', 'INV-1']);
  });

  it('filters: tenant, object, table, proposal, limit', async () => {
    const ids = async (...args: string[]) => json<Items>(await cli('evidence', 'list', '--json', ...args)).items.map((e) => e.object_id);
    expect(await ids('--tenant', 'tenant_b')).toEqual(['INV-2']);
    expect(await ids('--object', 'invoice:INV-1')).toEqual(['INV-1']);
    expect(await ids('--table', 'customers')).toEqual(['C-7']);
    expect(await ids('--proposal', seed.pending.proposal_id)).toEqual(['INV-2']);
    expect(await ids('--limit', '1')).toEqual(['C-7']);
    expect(await ids('--from', '2026-06-20T14:04:30Z', '--to', '2026-06-20T14:05:30Z')).toEqual(['C-7']);
  });

  it('shows one bundle by id and by latest, with next commands', async () => {
    const byId = await cli('evidence', 'show', seed.readEvidenceId);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toContain(`evidence_bundle_id: ${seed.readEvidenceId}`);
    expect(byId.stdout).toContain(`synapsor-runner query-audit show ${seed.readAuditId}`);
    const latest = json<{ evidence: { evidence_bundle_id: string } }>(await cli('evidence', 'show', 'latest', '--json'));
    expect(latest.evidence.evidence_bundle_id).toBe(seed.readEvidenceId);
  });

  it('exports evidence as JSON to a file and as markdown', async () => {
    const out = join(tmp.dir, 'ev.json');
    const written = await cli('evidence', 'export', seed.readEvidenceId, '--format', 'json', '--output', out);
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).evidence_bundle_id).toBe(seed.readEvidenceId);
    const md = await cli('evidence', 'export', seed.readEvidenceId, '--format', 'markdown');
    expect(md.stdout).toMatch(/^# Evidence ev_/);
    expect(md.stdout).toContain('- Capability: crm.inspect_customer');
    expect(md.stdout).toContain('## Visible row');
  });

  it('query audit: primary key filter, not-found outcome, export has no parameter values', async () => {
    const notFound = json<Items>(await cli('query-audit', 'list', '--json', '--primary-key', 'INV-404'));
    expect(notFound.items).toHaveLength(1);
    expect(notFound.items[0]!.outcome).toBe('not_found');
    const md = await cli('query-audit', 'export', seed.notFoundAuditId, '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## Statement template');
    expect(md.stdout).toContain('- Parameter values: never stored');
    expect(md.stdout).toContain('- Outcome: not_found');
  });

  it('receipts: list with status filter, show by id', async () => {
    const applied = json<Items>(await cli('receipts', 'list', '--json', '--status', 'applied'));
    expect(applied.items.map((r) => r.receipt_id)).toEqual([seed.receipt.receipt_id]);
    expect(json<Items>(await cli('receipts', 'list', '--json', '--status', 'conflict')).items).toEqual([]);
    const shown = await cli('receipts', 'show', seed.receipt.receipt_id, '--json');
    expect(json<{ receipt: { status: string } }>(shown).receipt.status).toBe('applied');
    const human = await cli('receipts', 'list');
    expect(human.stdout.split('\n')[0]).toMatch(/^executed_at\s+receipt_id/);
  });

  it.each([
    ['evidence', 'ev_unknown', 'EVIDENCE_NOT_FOUND'],
    ['query-audit', 'qa_unknown', 'QUERY_AUDIT_NOT_FOUND'],
    ['receipts', 'rct_unknown', 'RECEIPT_NOT_FOUND'],
  ])('%s show of an unknown id exits 1 with %s', async (group, id, code) => {
    const result = await cli(group!, 'show', id!, '--json');
    expect(result.code).toBe(1);
    expect(json<{ ok: boolean; error: { code: string } }>(result)).toMatchObject({ ok: false, error: { code } });
  });
});

describe('activity and replay', () => {
  it('activity merges proposals, reads, not-found reads and receipts', async () => {
    const body = json<Items>(await cli('activity', 'search', '--json'));
    expect(body.items.map((i) => i.kind)).toEqual(['read_not_found', 'read', 'proposal', 'receipt', 'proposal']);
    const tenantB = json<Items>(await cli('activity', 'search', '--json', '--tenant', 'tenant_b'));
    expect(tenantB.items.map((i) => i.id)).toEqual([seed.pending.proposal_id]);
  });

  it('replay list shows proposals and plain reads', async () => {
    const body = json<Items>(await cli('replay', 'list', '--json'));
    expect(body.items.map((i) => i.replay_id)).toEqual([`replay_${seed.readEvidenceId}`, `replay_${seed.pending.proposal_id}`, `replay_${seed.applied.proposal_id}`]);
  });

  it('replay <id> and replay show print the markdown replay', async () => {
    for (const args of [['replay', seed.applied.proposal_id], ['replay', 'show', seed.applied.proposal_id]]) {
      const result = await cli(...args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`# Replay replay_${seed.applied.proposal_id}`);
    }
  });

  it('replay latest is the newest proposal; --json is the replay object', async () => {
    const body = json<{ replay: { subject: { id: string }; integrity: { chain_ok: boolean } } }>(await cli('replay', 'show', 'latest', '--json'));
    expect(body.replay.subject.id).toBe(seed.pending.proposal_id);
    expect(body.replay.integrity.chain_ok).toBe(true);
  });

  it('replay export --format markdown has every section in order', async () => {
    const out = join(tmp.dir, 'replay.md');
    const result = await cli('replay', 'export', seed.applied.proposal_id, '--format', 'markdown', '--output', out);
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const sections = ['Summary', 'What the agent asked', 'Trusted context', 'Evidence', 'Proposed diff', 'Approval', 'Writeback and receipts', 'Query audit', 'Integrity'];
    const positions = sections.map((title) => text.indexOf(`## ${title}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('not time travel of the source database');
    expect(text).toContain(seed.receipt.receipt_hash);
  });

  it('replay export json is the replay object; a plain read replays by evidence id', async () => {
    const result = await cli('replay', 'export', seed.readEvidenceId, '--format', 'json');
    const doc = JSON.parse(result.stdout) as { schema_version: string; subject: { kind: string } };
    expect(doc.schema_version).toBe('synapsor.replay.v1');
    expect(doc.subject.kind).toBe('read');
  });

  it('unknown proposal → exit 1 PROPOSAL_NOT_FOUND', async () => {
    const result = await cli('replay', 'wrp_000000000000000000000bad');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error PROPOSAL_NOT_FOUND');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['evidence', 'list', '--limit', '0']],
    [['evidence', 'list', '--limit', '201']],
    [['evidence', 'list', '--limit', 'ten']],
    [['activity', 'search', '--from', 'yesterday']],
    [['evidence', 'list', '--object', 'invoice']],
    [['receipts', 'list', '--status', 'done']],
    [['replay', 'export', 'latest', '--format', 'pdf']],
    [['evidence', 'list', '--bogus']],
    [['evidence', 'show']],
  ])('%j', async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
  });

  it('--json usage errors are a JSON document on stdout', async () => {
    const result = await cli('evidence', 'list', '--limit', '500', '--json');
    expect(result.code).toBe(2);
    expect(json(result)).toMatchObject({ ok: false, error: { code: 'INVALID_FLAG_VALUE' } });
  });

  it('a missing ledger is a usage error and is not created', async () => {
    const missing = join(tmp.dir, 'nope', 'ledger.db');
    const result = await runCli(['--store', missing, 'evidence', 'list'], { cwd: tmp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STORE_NOT_FOUND');
  });
});
