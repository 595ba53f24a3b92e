import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresAdapter } from '@synapsor/adapters-postgres';
import { apply } from '../src/index.js';
import { makeApproval, makeConfig, makeProposal } from './support/fixtures.js';
import { createTestSchema, postgresAvailable, POSTGRES_URL, type TestDatabase } from './support/postgres.js';
import { createTestStore } from './support/test-store.js';

const available = await postgresAvailable();
const packages = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!available)('crash between source COMMIT and ledger receipt', () => {
  let t: TestDatabase;
  let dir: string;
  let bundle: string;
  const env = () => ({ ...process.env, APP_READ_URL: POSTGRES_URL, APP_WRITE_URL: `${POSTGRES_URL}?application_name=synapsor_writer` });

  beforeAll(async () => {
    t = await createTestSchema();
    dir = mkdtempSync(join(tmpdir(), 'synapsor-crash-'));
    bundle = join(dir, 'crash-apply.mjs');
    // The child runs TypeScript sources: bundle them (and pg) into one ESM file.
    await build({
      entryPoints: [fileURLToPath(new URL('./fixtures/crash-apply.ts', import.meta.url))],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['pg-native'],
      alias: {
        '@synapsor/core': join(packages, 'core/src/index.ts'),
        '@synapsor/adapters-postgres': join(packages, 'adapters-postgres/src/index.ts'),
      },
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL after COMMIT, then apply again → exactly one business write and an already_applied receipt', async () => {
    const storeFile = join(dir, 'ledger.json');
    const store = createTestStore(storeFile);
    const proposal = makeProposal({ schema: t.schema });
    store.seed(proposal, [makeApproval(proposal)]);

    const child = spawnSync(process.execPath, [bundle, storeFile, proposal.proposal_id, t.schema], {
      env: { ...env(), SYNAPSOR_TEST_CRASH_AFTER_COMMIT: '1' },
      encoding: 'utf8',
    });
    expect(child.signal).toBe('SIGKILL');
    expect(await t.count(`SELECT count(*) AS n FROM $schema.update_audit WHERE invoice_id = 'INV-3001'`)).toBe(1);
    const crashed = store.state();
    expect(crashed.proposals[proposal.proposal_id]!.state).toBe('pending_worker');
    expect(crashed.receipts).toHaveLength(0);
    expect(crashed.jobs[proposal.proposal_id]!.lease.holder.pid).toBe(child.pid);

    // The dead holder's lease is stale on this host: attempt 2 finds the committed receipt row.
    const adapter = createPostgresAdapter({ sourceId: 'app_pg', readUrlEnv: 'APP_READ_URL', writeUrlEnv: 'APP_WRITE_URL', statementTimeoutMs: 5000, poolMax: 2, receiptsSchema: t.schema, env: env() });
    try {
      const result = await apply(proposal.proposal_id, { config: makeConfig(t.schema), store, sources: { app_pg: adapter }, actor: 'billing.lead', env: env() });
      expect(result.receipt).toMatchObject({ status: 'already_applied', attempt: 2, rows_affected: 0 });
    } finally {
      await adapter.close();
    }
    expect(store.state().proposals[proposal.proposal_id]!.state).toBe('applied');
    expect(await t.count(`SELECT count(*) AS n FROM $schema.update_audit WHERE invoice_id = 'INV-3001'`)).toBe(1);
    const rows = await sql<{ late_fee_cents: number }>`SELECT late_fee_cents FROM ${sql.id(t.schema, 'invoices')} WHERE id = 'INV-3001'`.execute(t.db);
    expect(rows.rows[0]!.late_fee_cents).toBe(0);
  });
});
