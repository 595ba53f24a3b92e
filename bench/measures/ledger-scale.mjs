// ledger-scale: activity search and replay assembly on ledgers of 10k / 100k / 1M read events
// (evidence bundles from store-sqlite's batched generator) plus 20 full proposal lifecycles written
// through the store API (proposal, approval, claim, receipt) — latency per size must stay flat.
// Floor: the same call on a ledger holding only those lifecycles. Also: store bytes per read call.
import { openSqliteStore, storeBytes } from '@synapsor/store-sqlite';
import { ledgerWithRows, loadLedgerFixtures } from '../lib/ledger-fill.mjs';
import { figure, round, sample, summarize } from '../lib/stats.mjs';

const SIZES = (process.env.SYNAPSOR_BENCH_LEDGER_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = 30;
const LIFECYCLES = 20;
const WRITES = 200;

async function addLifecycles(store, LedgerFixtures, salt) {
  const fx = new LedgerFixtures(Date.parse('2026-06-20T14:00:00.000Z'), salt);
  let last = null;
  for (let i = 0; i < LIFECYCLES; i += 1) {
    await store.recordRead(fx.read({ object_id: `INV-L${i}`, tenant: 'tenant_7' }));
    const { proposal } = await store.createProposal(fx.proposal({ object_id: `INV-L${i}`, tenant: 'tenant_7' }));
    await store.decide(fx.decide(proposal.proposal_id));
    const claim = fx.claim(await store.getProposal(proposal.proposal_id));
    await store.claimWriteback(claim);
    await store.recordReceipt(fx.receipt(claim.job));
    last = proposal.proposal_id;
  }
  return last;
}

async function measureSize(path, rows, LedgerFixtures, log) {
  const store = await openSqliteStore({ path });
  try {
    const proposalId = await addLifecycles(store, LedgerFixtures, rows.toString(16));
    const at = new Date().toISOString();
    const queries = {
      activity_all: () => store.activity({}),
      activity_tenant: () => store.activity({ tenant: 'tenant_7' }),
      activity_tenant_capability: () => store.activity({ tenant: 'tenant_7', capability: 'billing.inspect_invoice' }),
      evidence_object_id: () => store.listEvidence({ object_id: 'INV-123' }),
      replay: () => store.replay(proposalId, at),
    };
    const result = {};
    for (const [name, query] of Object.entries(queries)) {
      await sample(3, query);
      result[name] = summarize(await sample(RUNS, query, 60_000));
    }
    // The write side at this size: one recordRead (evidence + item + query audit + event) per call,
    // which every tool call pays; index pages of a big file no longer fit the 16 MB page cache.
    const fx = new LedgerFixtures(Date.parse('2026-06-21T00:00:00.000Z'), `${rows.toString(16)}f`);
    const reads = Array.from({ length: WRITES }, (_, i) => fx.read({ object_id: `INV-W${i}`, tenant: `tenant_${i % 50}` }));
    result.record_read_write = summarize(await sample(WRITES, (i) => store.recordRead(reads[i]), 60_000));
    const bytes = storeBytes(path);
    log(`ledger-scale: ${rows.toLocaleString('en-US')} rows done (replay p50 ${result.replay.p50_ms} ms)`);
    return { rows, bytes, bytes_per_read_call: rows > 0 ? Math.round(bytes / rows) : null, queries: result };
  } finally {
    await store.close();
  }
}

export async function run({ log }) {
  const LedgerFixtures = await loadLedgerFixtures();
  const floorLedger = await ledgerWithRows(0);
  const floor = await measureSize(floorLedger.path, 0, LedgerFixtures, log);
  const sizes = [];
  for (const rows of SIZES) {
    const ledger = await ledgerWithRows(rows, log);
    sizes.push({ generate_s: ledger.generate_s, ...(await measureSize(ledger.path, rows, LedgerFixtures, log)) });
  }
  const smallest = sizes[0];
  const largest = sizes.at(-1);
  const growth = Object.fromEntries(
    Object.keys(largest.queries).map((name) => [name, round(largest.queries[name].p50_ms / smallest.queries[name].p50_ms, 2)]),
  );
  const name = (rows) => `${rows.toLocaleString('en-US')} rows`.padEnd(16);
  return {
    headline: {
      ledger_replay_ms: figure(largest.queries.replay.p50_ms, `ms @ ${largest.rows} rows`, floor.queries.replay.p50_ms, 'flat across sizes'),
      ledger_activity_ms: figure(largest.queries.activity_tenant.p50_ms, `ms @ ${largest.rows} rows`, floor.queries.activity_tenant.p50_ms, 'flat across sizes'),
    },
    details: { runs_per_query: RUNS, lifecycles_per_ledger: LIFECYCLES, floor_lifecycles_only: floor, sizes, p50_growth_largest_vs_smallest: growth },
    lines: [
      `${'ledger'.padEnd(16)}  activity{}  activity{tenant}  activity{tenant,cap}  evidence{object_id}  replay   recordRead(write)  (p50 ms; p99 in JSON)  bytes/read`,
      ...[floor, ...sizes].map(
        (size) =>
          `${size.rows === 0 ? 'lifecycles only '.padEnd(16) : name(size.rows)}  ${String(size.queries.activity_all.p50_ms).padEnd(10)}  ${String(size.queries.activity_tenant.p50_ms).padEnd(16)}  ${String(size.queries.activity_tenant_capability.p50_ms).padEnd(20)}  ${String(size.queries.evidence_object_id.p50_ms).padEnd(19)}  ${String(size.queries.replay.p50_ms).padEnd(7)}  ${String(size.queries.record_read_write.p50_ms).padEnd(17)}  ${size.bytes_per_read_call ?? '-'}`,
      ),
      `p50 growth ${name(largest.rows).trim()} vs ${name(smallest.rows).trim()}: ${Object.entries(growth).map(([key, value]) => `${key} ${value}×`).join(', ')}`,
    ],
  };
}
