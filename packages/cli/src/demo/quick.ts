import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import { buildQuickDemoFixture, isoNow, renderReplayMarkdown, systemClock, validateConfig } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { CliError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { REFERENCE } from './reference.js';

export interface QuickSummary {
  ok: boolean;
  store: string;
  proposal_id: string;
  evidence_id: string;
  query_audit_ids: string[];
  integrity: Record<string, unknown> | null;
  duration_ms: number;
}

/** The query audit's statement text, from the real PostgreSQL adapter (which never connects here). */
function referenceReadTemplate() {
  return createPostgresAdapter({ sourceId: 'app_postgres', readUrlEnv: REFERENCE.readUrlEnv, statementTimeoutMs: 3000, poolMax: 1, env: {} });
}

/**
 * `demo --quick`: the ledger side of the loop, no database. Writes core's fixed-id fixture
 * (proposal `wrp_quick_INV_3001`, evidence, query audit) through the store API into a fresh
 * `./.synapsor/quick-demo.db`, then shows the replay computed from it.
 */
export async function runQuickDemo(io: CliIo, options: { json: boolean }): Promise<QuickSummary> {
  const started = Date.now();
  const path = resolve(io.cwd, '.synapsor/quick-demo.db');
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Fixed ids: a previous run's file would make the proposal a duplicate, so start empty.
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
  const validated = validateConfig(REFERENCE.config);
  if (!validated.ok || !validated.config) throw new CliError('DEMO_CONFIG_INVALID', 'the bundled reference config does not validate');
  const adapter = referenceReadTemplate();
  const store = await openSqliteStore({ path });
  try {
    const fixture = buildQuickDemoFixture({ config: validated.config, readTemplate: (plan) => adapter.readTemplate(plan), clock: systemClock });
    await store.createProposal(fixture.write);
    const replay = await store.replay(fixture.proposal_id, isoNow(systemClock));
    const integrity = replay?.integrity ?? null;
    if (replay && !options.json) {
      io.stdout(renderReplayMarkdown(replay));
      io.stdout(`\nledger: ${path}\nnext: synapsor-runner replay show ${fixture.proposal_id} --store ${path}\n`);
    }
    return {
      ok: Boolean(integrity?.chain_ok && integrity.proposal_hash_ok && integrity.evidence_hashes_ok),
      store: path,
      proposal_id: fixture.proposal_id,
      evidence_id: fixture.evidence_bundle_id,
      query_audit_ids: (replay?.query_audit ?? []).map((audit) => audit.query_audit_id),
      integrity: integrity as unknown as Record<string, unknown> | null,
      duration_ms: Date.now() - started,
    };
  } finally {
    await store.close();
    await adapter.close();
  }
}
