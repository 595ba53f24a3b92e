import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LedgerFixtures } from '@synapsor/core/testing';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { BIN, runCli, seedLedger, tempDir, type SeededLedger } from './helpers/ledger-cli.js';

const TOKEN = 'tok-abcdef-0123456789';
const SECRET = 'sig-secret-9876543210';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  url: string;
}

/** A local receiver on 127.0.0.1:0 answering each POST with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; statuses: number[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, url: req.url ?? '' });
      res.statusCode = statuses.shift() ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, statuses, server };
}

let tmp: ReturnType<typeof tempDir>;
let seed: SeededLedger;
let http: Awaited<ReturnType<typeof receiver>>;
const env = { HOOK_URL: '', HOOK_TOKEN: TOKEN, HOOK_SECRET: SECRET };
const cli = (...args: string[]) => runCli(['--store', seed.path, ...args], { cwd: tmp.dir, env });
const seqs = (r: Received[]) => r.map((x) => (JSON.parse(x.body) as { event: { seq: number } }).event.seq);

beforeEach(async () => {
  tmp = tempDir();
  seed = await seedLedger(join(tmp.dir, 'ledger.db'));
  http = await receiver();
  env.HOOK_URL = `${http.url}?key=query-secret-value`;
});
afterEach(async () => {
  await new Promise((resolve) => http.server.close(resolve));
  tmp.cleanup();
});

describe('events tail', () => {
  it('prints `<created_at> <kind> <proposal_id|-> <actor>` oldest first; --details adds the payload', async () => {
    const result = await cli('events', 'tail');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(`2026-06-20T14:00:00.000Z proposal_created ${seed.applied.proposal_id} agent_1`);
    expect(lines.at(-1)).toMatch(/^2026-06-20T14:06:00.000Z read_recorded - agent_1$/);
    const details = await cli('events', 'tail', '--details', '--kind', 'writeback_applied');
    expect(details.stdout).toContain(`"receipt_id":"${seed.receipt.receipt_id}"`);
  });

  it('--json prints one JSON event per line; filters and --limit apply', async () => {
    const result = await cli('events', 'tail', '--json', '--proposal', seed.applied.proposal_id, '--limit', '2');
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; seq: number });
    expect(events.map((e) => e.kind)).toEqual(['writeback_started', 'writeback_applied']);
  });

  it('--follow prints events appended later and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--store', seed.path, 'events', 'tail', '--follow', '--interval-ms', '250'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const waiters: Array<() => void> = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      waiters.splice(0).forEach((wake) => wake());
    });
    /** Resolves once stdout contains `text` (event-driven, no timers). */
    const seen = async (text: string) => {
      while (!out.includes(text)) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    await seen('read_recorded - agent_1');
    const store = await openSqliteStore({ path: seed.path });
    await store.recordRead(new LedgerFixtures(Date.parse('2026-06-21T00:00:00.000Z'), 'ff').read({ principal: 'late_agent', at: '2026-06-21T00:00:00.000Z' }));
    await store.close();
    await seen('read_recorded - late_agent');
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out.match(/late_agent/g)).toHaveLength(1);
  });

  it('--interval-ms below 250 is a usage error', async () => {
    expect((await cli('events', 'tail', '--follow', '--interval-ms', '100')).code).toBe(2);
  });
});

describe('events webhook', () => {
  it('POSTs every event in seq order with schema, headers, bearer and a verifiable signature', async () => {
    const result = await cli('events', 'webhook', '--url-env', 'HOOK_URL', '--auth-token-env', 'HOOK_TOKEN', '--signing-secret-env', 'HOOK_SECRET');
    expect(result.code).toBe(0);
    const total = seqs(http.received).length;
    expect(total).toBeGreaterThan(5);
    expect(seqs(http.received)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    for (const { headers, body } of http.received) {
      const doc = JSON.parse(body) as { schema_version: string; source: { kind: string }; event: { event_id: string } };
      expect(doc.schema_version).toBe('synapsor.local-event-webhook.v1');
      expect(doc.source.kind).toBe('local_store');
      expect(headers['content-type']).toBe('application/json');
      expect(headers['user-agent']).toMatch(/^synapsor-runner-events-webhook\//);
      expect(headers['x-synapsor-event-id']).toBe(doc.event.event_id);
      expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(headers['x-synapsor-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
    }
    // The printed URL has no query; no secret value is printed anywhere.
    const printed = result.stdout + result.stderr;
    expect(printed).toContain(http.url);
    for (const secret of ['query-secret-value', TOKEN, SECRET]) expect(printed).not.toContain(secret);
    // A second run resumes after the cursor: nothing new to send.
    const again = await cli('events', 'webhook', '--url-env', 'HOOK_URL');
    expect(again.code).toBe(0);
    expect(http.received).toHaveLength(total);
  });

  it('a failure exits 1 after --max-attempts; the next run resumes at the same event', async () => {
    http.statuses.push(200, 200, 500);
    const failed = await cli('events', 'webhook', '--url-env', 'HOOK_URL', '--max-attempts', '1');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('WEBHOOK_DELIVERY_FAILED');
    expect(seqs(http.received)).toEqual([1, 2, 3]);
    const resumed = await cli('events', 'webhook', '--url-env', 'HOOK_URL');
    expect(resumed.code).toBe(0);
    expect(seqs(http.received).slice(3, 5)).toEqual([3, 4]);
  });

  it('retries a failed POST with backoff and then delivers it', async () => {
    http.statuses.push(503);
    const result = await cli('events', 'webhook', '--url-env', 'HOOK_URL', '--max-attempts', '2', '--kind', 'proposal_created');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('retrying in 1000 ms');
    // seq 1 twice (503, then 200), then the second proposal's proposal_created (seq 5).
    expect(seqs(http.received)).toEqual([1, 1, 5]);
  });

  it('--dry-run prints payloads and sends nothing; the printed URL drops userinfo and query', async () => {
    const secretUrl = http.url.replace('http://', 'http://user:pass-word-secret@') + '?token=abc';
    const result = await cli('events', 'webhook', '--url', secretUrl, '--dry-run', '--since-seq', '3');
    expect(result.code).toBe(0);
    expect(http.received).toHaveLength(0);
    const first = JSON.parse(result.stdout.split('\n')[0]!) as { event: { seq: number } };
    expect(first.event.seq).toBe(4);
    expect(result.stderr).toContain(http.url);
    expect(result.stdout + result.stderr).not.toContain('pass-word-secret');
    expect(result.stdout + result.stderr).not.toContain('token=abc');
  });

  it.each([
    [[]],
    [['--url', 'http://127.0.0.1:1/x', '--url-env', 'HOOK_URL']],
    [['--url', 'ftp://127.0.0.1/x']],
    [['--url-env', 'NOT_SET_ANYWHERE']],
    [['--url-env', 'HOOK_URL', '--auth-token-env', 'NOT_SET_ANYWHERE']],
    [['--url-env', 'HOOK_URL', '--timeout-ms', '100']],
    [['--url-env', 'HOOK_URL', '--max-attempts', '0']],
    [['--url-env', 'HOOK_URL', '--since-seq', '-1']],
  ])('usage error %j → exit 2, nothing sent', async (flags) => {
    const result = await cli('events', 'webhook', ...flags);
    expect(result.code).toBe(2);
    expect(http.received).toHaveLength(0);
  });
});
