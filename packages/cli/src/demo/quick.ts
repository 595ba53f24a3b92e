import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import { createRuntime, isoNow, systemClock, validateConfig, type ReadPlan, type Row, type SourceAdapter } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { CliError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import type { Envelope } from '../render/envelope.js';
import { DEMO_PRINCIPAL, DEMO_TENANT, REFERENCE } from './reference.js';

/** INV-3001 as the reference seed has it (normalised values, examples.md). */
const INVOICE_ROW: Row = {
  id: 'INV-3001',
  tenant_id: 'acme',
  customer_id: 'cust_acme_1',
  status: 'overdue',
  balance_cents: 25500,
  late_fee_cents: 5500,
  waiver_reason: null,
  updated_at: '2026-06-20T14:31:08Z',
};

/**
 * A source that answers from the seed row instead of a database. The statement text comes
 * from the real PostgreSQL adapter (which never connects here), so the query audit is genuine.
 */
function fixtureSource(): SourceAdapter {
  const postgres = createPostgresAdapter({ sourceId: 'app_postgres', readUrlEnv: REFERENCE.readUrlEnv, statementTimeoutMs: 3000, poolMax: 1, env: {} });
  return {
    ...postgres,
    readOne: async (plan: ReadPlan) => {
      const row: Row = {};
      for (const column of plan.columns) row[column] = INVOICE_ROW[column] ?? null;
      return { rows: [row], duration_ms: 0 };
    },
  };
}

export interface QuickSummary {
  ok: boolean;
  store: string;
  proposal_id: string | null;
  evidence_id: string | null;
  query_audit_ids: string[];
  integrity: Record<string, unknown> | null;
  duration_ms: number;
}

/** `demo --quick`: the ledger side of the loop (read, proposal, query audit, replay), no database. */
export async function runQuickDemo(io: CliIo, options: { json: boolean }): Promise<QuickSummary> {
  const started = Date.now();
  const say = (text: string) => (options.json ? io.stderr(`${text}\n`) : io.stdout(`${text}\n`));
  const path = resolve(io.cwd, '.synapsor/quick-demo.db');
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
  const validated = validateConfig(REFERENCE.config);
  if (!validated.ok || !validated.config) throw new CliError('DEMO_CONFIG_INVALID', 'the bundled reference config does not validate');
  const store = await openSqliteStore({ path });
  const runtime = createRuntime({
    config: validated.config,
    env: { SYNAPSOR_TENANT_ID: DEMO_TENANT, SYNAPSOR_PRINCIPAL: DEMO_PRINCIPAL, [REFERENCE.readUrlEnv]: 'fixture' },
    sources: { app_postgres: fixtureSource() },
    store,
  });
  try {
    const call = async (name: string, args: Record<string, unknown>) => (await runtime.callTool(name, args)).structuredContent as unknown as Envelope;
    const read = await call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
    say(`read: ${read.summary}`);
    const proposed = await call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'first late payment' });
    say(`proposal: ${proposed.summary}`);
    const proposalId = proposed.proposal?.id ?? null;
    const replay = proposalId ? await store.replay(proposalId, isoNow(systemClock)) : null;
    const integrity = replay?.integrity ?? null;
    if (replay) say(`replay: events ${replay.events.map((event) => event.kind).join(' → ')}; chain ${replay.integrity.chain_ok ? 'ok' : 'BROKEN'}`);
    say(`ledger: ${path} — try \`synapsor-runner proposals show latest --store ${path}\``);
    const audits = await store.listQueryAudit({});
    const ok = read.ok && proposed.ok && Boolean(integrity?.chain_ok && integrity.proposal_hash_ok);
    return {
      ok,
      store: path,
      proposal_id: proposalId,
      evidence_id: read.evidence?.bundle_id ?? null,
      query_audit_ids: audits.map((audit) => audit.query_audit_id),
      integrity: integrity as unknown as Record<string, unknown> | null,
      duration_ms: Date.now() - started,
    };
  } finally {
    await runtime.close();
  }
}
