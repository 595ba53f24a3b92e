// call-latency: 2,000 sequential `billing.inspect_invoice` calls over stdio against the reference
// data in real PostgreSQL; every call persists an evidence bundle + query audit in the ledger.
// Floor: the same row fetched with the same single-statement SELECT through a bare pooled `pg`.
import { join } from 'node:path';
import { openSqliteStore } from '@synapsor/store-sqlite';
import pg from 'pg';
import { cpuProfiler } from '../lib/profile.mjs';
import { createReferenceWorkspace, PG_URL, TENANT } from '../lib/reference-db.mjs';
import { createInProcessRuntime } from '../lib/runtime.mjs';
import { createTrimmedLedger } from '../lib/trimmed-ledger.mjs';
import { BENCH_DIR } from '../lib/paths.mjs';
import { callTool, connectStdio, connectStdioArgs } from '../lib/server.mjs';
import { figure, round, sample, summarize } from '../lib/stats.mjs';

const CALLS = Number(process.env.SYNAPSOR_BENCH_CALLS ?? 2000);
const WARMUP = 200;
const MAX_MS = 180_000;
const TARGET_P50_MS = 1;
const INVOICE = 'INV-3001';

async function bareFloor(schema) {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
  try {
    // Same shape as the adapter's reader statement: visible columns, pk + tenant, LIMIT 2.
    const text = `SELECT id, tenant_id, customer_id, status, balance_cents, late_fee_cents, waiver_reason, updated_at
      FROM "${schema}"."invoices" WHERE "id" = $1 AND "tenant_id" = $2 LIMIT 2`;
    const query = () => pool.query({ text, values: [INVOICE, TENANT] });
    await sample(WARMUP, query);
    return summarize(await sample(CALLS, query, MAX_MS));
  } finally {
    await pool.end();
  }
}

/** Stdio floor: SDK client ↔ SDK server that answers from memory (bench/fixtures). */
async function stdioFloor() {
  const server = await connectStdioArgs([join(BENCH_DIR, 'fixtures/noop-mcp-server.mjs')]);
  try {
    const call = () => callTool(server.client, 'billing.inspect_invoice', { invoice_id: INVOICE });
    await sample(WARMUP, call);
    return summarize(await sample(CALLS, call, MAX_MS));
  } finally {
    await server.close();
  }
}

/**
 * The same call without stdio (runtime.callTool in this process), on a file ledger and on an
 * in-memory one: stdio p50 − file p50 ≈ transport; file − memory ≈ ledger file I/O.
 */
async function inProcess(workspace, storePath) {
  const { runtime, close } = await createInProcessRuntime(workspace, storePath);
  try {
    const call = () => runtime.callTool('billing.inspect_invoice', { invoice_id: INVOICE });
    await sample(WARMUP, call);
    return summarize(await sample(CALLS, call, MAX_MS));
  } finally {
    await close();
  }
}

async function persistedCounts(storePath) {
  const store = await openSqliteStore({ path: storePath });
  try {
    const { counts } = await store.stats();
    return { evidence_bundles: counts.evidence_bundles ?? null, query_audit: counts.query_audit ?? null };
  } finally {
    await store.close();
  }
}

export async function run({ log }) {
  const workspace = await createReferenceWorkspace();
  try {
    log('call-latency: bare pg floor…');
    const floor = await bareFloor(workspace.schema);
    log('call-latency: stdio no-op MCP server floor…');
    const transportFloor = await stdioFloor();
    const profiler = cpuProfiler();
    const server = await connectStdio(workspace, { nodeArgs: profiler.nodeArgs });
    let calls;
    let failures = 0;
    try {
      const call = async () => {
        const envelope = await callTool(server.client, 'billing.inspect_invoice', { invoice_id: INVOICE });
        if (envelope?.ok !== true) failures += 1;
      };
      log(`call-latency: ${WARMUP} warm-up + ${CALLS} calls over stdio…`);
      await sample(WARMUP, call);
      calls = summarize(await sample(CALLS, call, MAX_MS));
    } finally {
      await server.close();
    }
    const persisted = await persistedCounts(workspace.storePath);
    log('call-latency: in-process runtime (file ledger, then :memory:)…');
    const inProcessFile = await inProcess(workspace, `${workspace.storePath}.inprocess.db`);
    const inProcessMemory = await inProcess(workspace, ':memory:');
    const trimmedPath = `${workspace.storePath}.trimmed.db`;
    const droppedIndexes = await createTrimmedLedger(trimmedPath);
    const inProcessTrimmed = await inProcess(workspace, trimmedPath);
    const ratio = round(calls.p50_ms / floor.p50_ms, 1);
    const profile = profiler.summarize();
    return {
      headline: {
        call_p50_ms: figure(calls.p50_ms, 'ms', floor.p50_ms, `≤ ${TARGET_P50_MS}`),
        call_p99_ms: figure(calls.p99_ms, 'ms', floor.p99_ms, null),
      },
      details: {
        calls: calls.n,
        warmup: WARMUP,
        failures,
        runner_stdio: calls,
        floor_bare_pg: floor,
        floor_stdio_noop_mcp_server: transportFloor,
        in_process_runtime_file_ledger: inProcessFile,
        in_process_runtime_memory_ledger: inProcessMemory,
        what_if_trimmed_indexes: { dropped_indexes: droppedIndexes, in_process_runtime_file_ledger: inProcessTrimmed },
        breakdown_p50_ms: {
          postgres_read: floor.p50_ms,
          runtime_without_ledger_io: round(inProcessMemory.p50_ms - floor.p50_ms, 3),
          ledger_file_io: round(inProcessFile.p50_ms - inProcessMemory.p50_ms, 3),
          stdio_transport_and_sdk: round(calls.p50_ms - inProcessFile.p50_ms, 3),
        },
        ratio_p50_vs_floor: ratio,
        persisted_after_run: persisted,
        target_p50_ms: TARGET_P50_MS,
        met: calls.p50_ms <= TARGET_P50_MS,
        ...(profile ? { cpu_profile_top_frames: profile } : {}),
      },
      lines: [
        `bare pooled pg SELECT  p50 ${floor.p50_ms} ms  p99 ${floor.p99_ms} ms`,
        `no-op stdio MCP server p50 ${transportFloor.p50_ms} ms  p99 ${transportFloor.p99_ms} ms (SDK + pipes, no runtime)`,
        `inspect_invoice stdio  p50 ${calls.p50_ms} ms  p99 ${calls.p99_ms} ms  (${calls.n} calls, ${failures} not ok)  target p50 ≤ ${TARGET_P50_MS} ms`,
        `in-process runtime     p50 ${inProcessFile.p50_ms} ms (file ledger)  ${inProcessMemory.p50_ms} ms (:memory: ledger)  ${inProcessTrimmed.p50_ms} ms (what-if: ${droppedIndexes.length} indexes fewer)`,
        `ratio p50 runner / floor: ${ratio}×; ledger now holds ${persisted.evidence_bundles} evidence bundles, ${persisted.query_audit} query audits`,
      ],
    };
  } finally {
    await workspace.drop();
  }
}
