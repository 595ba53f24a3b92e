// apply-rate: 1,000 `billing.propose_late_fee_waiver` proposals created over MCP (stdio, one per
// distinct invoice so none dedupe), approved through the store's `decide` (what `proposals
// approve` runs), then applied one by one with writeback-executors' `apply` via `sql_update`
// (what `apply` runs, with one adapter kept open as a batch applier would).
// Floor: the guarded UPDATE + receipt row in one transaction through bare `pg`, on other rows.
import { randomBytes } from 'node:crypto';
import { isoNow, newId, systemClock } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { apply } from '@synapsor/writeback-executors';
import { createReferenceWorkspace, REVIEWER, TENANT } from '../lib/reference-db.mjs';
import { createReferenceAdapter, loadWorkspaceConfig } from '../lib/runtime.mjs';
import { callTool, connectStdio } from '../lib/server.mjs';
import { figure, round, sample, sampleConcurrently, summarize } from '../lib/stats.mjs';

const COUNT = Number(process.env.SYNAPSOR_BENCH_PROPOSALS ?? 1000);
const PHASE_MAX_MS = 240_000;
const TARGET = 300;
/** What-if workers: concurrent applies let PostgreSQL share one WAL flush among commits. */
const WHAT_IF_WORKERS = 4;
const CAPABILITY = 'billing.propose_late_fee_waiver';
const random = (bytes) => randomBytes(bytes);
const rate = (samples) => Math.round(samples.length / (samples.reduce((a, b) => a + b, 0) / 1000));

/** Invoices INV-B1…INV-B<count>: the first COUNT are applied in sequence, the next COUNT concurrently. */
async function createProposals(workspace, count) {
  const server = await connectStdio(workspace);
  const ids = [];
  try {
    const samples = await sample(
      count,
      async (i) => {
        const envelope = await callTool(server.client, CAPABILITY, { invoice_id: `INV-B${i + 1}`, reason: 'bench waiver' });
        if (envelope?.ok !== true || envelope.proposal?.reused) throw new Error(`proposal ${i + 1} not created: ${envelope?.summary}`);
        ids.push(envelope.proposal.id);
      },
      PHASE_MAX_MS,
    );
    return { ids, samples };
  } finally {
    await server.close();
  }
}

function approveAll(store, ids) {
  return sample(
    ids.length,
    async (i) => {
      const proposal = await store.getProposal(ids[i]);
      await store.decide({
        proposal_id: proposal.proposal_id,
        decision: 'approved',
        ...REVIEWER,
        config_required_role: 'billing_lead',
        config_mode: 'review',
        reason: 'bench approval',
        expect_hash: proposal.proposal_hash,
        expect_version: proposal.proposal_version,
        approval_id: newId('apr', random),
        event_id: newId('evt', random),
        now: isoNow(systemClock),
      });
    },
    PHASE_MAX_MS,
  );
}

/** `workers` 1 = the `apply` command's behaviour, one proposal after the other. */
async function applyAll(workspace, config, store, ids, workers) {
  const adapter = createReferenceAdapter(workspace, config);
  const statuses = {};
  try {
    const options = { config, store, sources: { app_postgres: adapter }, actor: REVIEWER.actor, env: workspace.env, allowSharedCredential: true };
    const run = await sampleConcurrently(
      ids.length,
      workers,
      async (i) => {
        const result = await apply(ids[i], options);
        const status = result.receipt?.status ?? result.refused?.code ?? 'none';
        statuses[status] = (statuses[status] ?? 0) + 1;
      },
      PHASE_MAX_MS,
    );
    return { samples: run.samples, per_s: Math.round(run.samples.length / (run.wall_ms / 1000)), statuses };
  } finally {
    await adapter.close();
  }
}

/** Bare-pg floor on rows INV-B<2·COUNT+1>…: same guards (pk, tenant, version) + receipt insert. */
async function bareFloor(workspace) {
  const client = await workspace.pool.connect();
  const table = `"${workspace.schema}"."invoices"`;
  const receipts = `"${workspace.schema}"."synapsor_writeback_receipts"`;
  try {
    // The version travels as text: a JS Date would drop the microseconds and match no row.
    const versions = await client.query(`SELECT id, updated_at::text AS version FROM ${table} WHERE id LIKE 'INV-B%' ORDER BY id`);
    const rows = versions.rows.filter((row) => Number(row.id.slice(5)) > COUNT * 2);
    return await sample(rows.length, async (i) => {
      const { id, version } = rows[i];
      await client.query('BEGIN');
      const updated = await client.query(
        `UPDATE ${table} SET late_fee_cents = 0, waiver_reason = $1, updated_at = now() WHERE id = $2 AND tenant_id = $3 AND updated_at = $4::timestamptz`,
        ['bench waiver', id, TENANT, version],
      );
      await client.query(`INSERT INTO ${receipts} (idempotency_key, job_id, proposal_id, status, completed_at) VALUES ($1, $2, $3, 'applied', now())`, [
        `floor:${id}`,
        `floor_job_${id}`,
        `floor_${id}`,
      ]);
      if (updated.rowCount !== 1) throw new Error(`floor UPDATE matched ${updated.rowCount} rows for ${id}`);
      await client.query('COMMIT');
    });
  } finally {
    client.release();
  }
}

export async function run({ log }) {
  const workspace = await createReferenceWorkspace({ extraInvoices: COUNT * 3 });
  try {
    log(`apply-rate: creating ${COUNT * 2} proposals over MCP…`);
    const created = await createProposals(workspace, COUNT * 2);
    const config = loadWorkspaceConfig(workspace);
    const store = await openSqliteStore({ path: workspace.storePath });
    let approvals;
    let applied;
    let concurrent;
    try {
      log('apply-rate: approving…');
      approvals = await approveAll(store, created.ids);
      log('apply-rate: applying via sql_update…');
      applied = await applyAll(workspace, config, store, created.ids.slice(0, COUNT), 1);
      log(`apply-rate: what-if ${WHAT_IF_WORKERS} concurrent applies…`);
      concurrent = await applyAll(workspace, config, store, created.ids.slice(COUNT), WHAT_IF_WORKERS);
    } finally {
      await store.close();
    }
    const written = await workspace.pool.query(`SELECT count(*)::int AS n FROM "${workspace.schema}"."invoices" WHERE id LIKE 'INV-B%' AND late_fee_cents = 0`);
    log('apply-rate: bare pg floor…');
    const floorSamples = await bareFloor(workspace);
    const applyStats = summarize(applied.samples);
    const floor = summarize(floorSamples);
    const appliesPerS = rate(applied.samples);
    return {
      headline: { applies_per_s: figure(appliesPerS, 'applies/s', rate(floorSamples), `≥ ${TARGET}`) },
      details: {
        proposals: created.ids.length,
        proposals_per_s: rate(created.samples),
        propose_call: summarize(created.samples),
        approvals_per_s: rate(approvals),
        approve: summarize(approvals),
        applies_per_s: appliesPerS,
        apply: applyStats,
        receipt_statuses: applied.statuses,
        what_if_concurrent_applies: { workers: WHAT_IF_WORKERS, applies_per_s: concurrent.per_s, ...summarize(concurrent.samples), receipt_statuses: concurrent.statuses },
        rows_written_in_postgres: written.rows[0].n,
        floor_bare_pg_guarded_update: { per_s: rate(floorSamples), ...floor },
        ratio_p50_vs_floor: round(applyStats.p50_ms / floor.p50_ms, 1),
        target_applies_per_s: TARGET,
        met: appliesPerS >= TARGET,
      },
      lines: [
        `propose over MCP   ${rate(created.samples)} proposals/s  p50 ${summarize(created.samples).p50_ms} ms`,
        `approve (decide)   ${rate(approvals)} approvals/s  p50 ${summarize(approvals).p50_ms} ms`,
        `apply sql_update   ${appliesPerS} applies/s  p50 ${applyStats.p50_ms} ms  p99 ${applyStats.p99_ms} ms   target ≥ ${TARGET}/s   receipts ${JSON.stringify(applied.statuses)}`,
        `what-if ${WHAT_IF_WORKERS} workers  ${concurrent.per_s} applies/s  p50 ${summarize(concurrent.samples).p50_ms} ms  receipts ${JSON.stringify(concurrent.statuses)}`,
        `bare pg floor      ${rate(floorSamples)} /s  p50 ${floor.p50_ms} ms  p99 ${floor.p99_ms} ms (guarded UPDATE + receipt, one transaction)`,
      ],
    };
  } finally {
    await workspace.drop();
  }
}
