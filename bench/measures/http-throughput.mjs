// http-throughput: 8 and 32 concurrent SDK clients (one session each) calling
// `billing.inspect_invoice` on `mcp serve-streamable-http --rate-limit 0` for 10 s per level.
// Floor (here a ceiling): the same SELECT through a bare pg pool of the runner's size at the same
// concurrency — what PostgreSQL itself allows on this machine. Clients run in this process, so
// the client's CPU is reported too: on 2 cores it competes with the server.
import pg from 'pg';
import { cpuProfiler } from '../lib/profile.mjs';
import { createReferenceWorkspace, PG_URL, TENANT } from '../lib/reference-db.mjs';
import { createInProcessRuntime } from '../lib/runtime.mjs';
import { connectHttp, startHttpServer } from '../lib/server.mjs';
import { figure, now, processCpuMs, round, summarize } from '../lib/stats.mjs';

const LEVELS = (process.env.SYNAPSOR_BENCH_HTTP_CLIENTS ?? '8,32').split(',').map(Number);
const SECONDS = Number(process.env.SYNAPSOR_BENCH_HTTP_SECONDS ?? 10);
const FLOOR_SECONDS = Math.min(SECONDS, 5);
const MAX_CALLS = 500_000;
const POOL_MAX = 10;
const TARGET = 1500;
const INVOICE = 'INV-3001';

/** `workers` loops of `fn` until `seconds` pass (or MAX_CALLS total); latencies + errors. */
async function closedLoop(workers, seconds, fn) {
  const latencies = [];
  let errors = 0;
  const cpuStart = process.cpuUsage();
  const started = now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (now() < deadline && latencies.length < MAX_CALLS) {
        const t = now();
        try {
          if (!(await fn(worker))) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(now() - t);
      }
    }),
  );
  const elapsed = (now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    clients: workers,
    seconds: round(elapsed, 2),
    calls: latencies.length,
    errors,
    calls_per_s: Math.round(latencies.length / elapsed),
    ...summarize(latencies),
    client_cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
  };
}

async function pgCeiling(schema, workers) {
  const pool = new pg.Pool({ connectionString: PG_URL, max: POOL_MAX });
  const text = `SELECT id, tenant_id, customer_id, status, balance_cents, late_fee_cents, waiver_reason, updated_at
    FROM "${schema}"."invoices" WHERE "id" = $1 AND "tenant_id" = $2 LIMIT 2`;
  try {
    return await closedLoop(workers, FLOOR_SECONDS, async () => (await pool.query({ text, values: [INVOICE, TENANT] })).rowCount === 1);
  } finally {
    await pool.end();
  }
}

/**
 * The runtime alone (no HTTP, no MCP SDK) with the same concurrency in this process: the ceiling
 * the ledger and the runtime leave for any transport.
 */
async function runtimeCeiling(workspace, workers) {
  const { runtime, close } = await createInProcessRuntime(workspace, `${workspace.storePath}.ceiling.db`);
  try {
    await runtime.callTool('billing.inspect_invoice', { invoice_id: INVOICE });
    return await closedLoop(workers, FLOOR_SECONDS, async () => (await runtime.callTool('billing.inspect_invoice', { invoice_id: INVOICE })).structuredContent?.ok === true);
  } finally {
    await close();
  }
}

/**
 * What-if: the JSON-RPC bridge (`mcp serve-http`: same fastify guards and runtime, no SDK
 * Streamable HTTP transport and its Node→Web Request/Response conversion) with plain fetch.
 */
async function bridgeLevel(workspace, workers) {
  const server = await startHttpServer(workspace, { subcommand: 'serve-http' });
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'billing.inspect_invoice', arguments: { invoice_id: INVOICE } } });
  const call = async () => (await (await fetch(server.url, { method: 'POST', headers, body })).json()).result?.structuredContent?.ok === true;
  try {
    await call();
    return await closedLoop(workers, FLOOR_SECONDS, call);
  } finally {
    await server.stop();
  }
}

async function runnerLevel(server, workers) {
  const clients = await Promise.all(Array.from({ length: workers }, () => connectHttp(server)));
  try {
    // A short warm-up per level: JIT, pool connections, session setup are not throughput.
    await Promise.all(clients.map((client) => client.callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: INVOICE } })));
    return await closedLoop(workers, SECONDS, async (worker) => {
      const result = await clients[worker].callTool({ name: 'billing.inspect_invoice', arguments: { invoice_id: INVOICE } });
      return result.structuredContent?.ok === true;
    });
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  }
}

export async function run({ log }) {
  const workspace = await createReferenceWorkspace();
  try {
    const floors = {};
    for (const workers of LEVELS) {
      log(`http-throughput: bare pg pool (${POOL_MAX}) × ${workers} loops for ${FLOOR_SECONDS} s…`);
      floors[workers] = await pgCeiling(workspace.schema, workers);
    }
    log(`http-throughput: in-process runtime ceiling × ${LEVELS[0]} for ${FLOOR_SECONDS} s…`);
    const ceiling = await runtimeCeiling(workspace, LEVELS[0]);
    const profiler = cpuProfiler();
    const server = await startHttpServer(workspace, { nodeArgs: profiler.nodeArgs });
    const levels = {};
    try {
      for (const workers of LEVELS) {
        log(`http-throughput: ${workers} SDK clients for ${SECONDS} s…`);
        const cpuBefore = processCpuMs(server.pid);
        const level = await runnerLevel(server, workers);
        const serverCpuMs = cpuBefore === null ? null : processCpuMs(server.pid) - cpuBefore;
        levels[workers] = {
          ...level,
          server_cpu_ms: serverCpuMs,
          calls_per_server_cpu_s: serverCpuMs ? Math.round(level.calls / (serverCpuMs / 1000)) : null,
        };
      }
    } finally {
      await server.stop();
    }
    log(`http-throughput: what-if JSON-RPC bridge × ${LEVELS[0]} for ${FLOOR_SECONDS} s…`);
    const bridge = await bridgeLevel(workspace, LEVELS[0]);
    const first = LEVELS[0];
    const profile = profiler.summarize();
    return {
      headline: { http_calls_per_s: figure(levels[first].calls_per_s, `calls/s @ ${first} clients`, floors[first].calls_per_s, `≥ ${TARGET} @ 8 clients`) },
      details: {
        levels,
        floor_bare_pg: floors,
        in_process_runtime_ceiling: ceiling,
        what_if_jsonrpc_bridge: bridge,
        target_calls_per_s_at_8: TARGET,
        met: (levels[8]?.calls_per_s ?? 0) >= TARGET,
        ...(profile ? { cpu_profile_top_frames: profile } : {}),
      },
      lines: [
        `in-process runtime (no HTTP) × ${LEVELS[0]}: ${ceiling.calls_per_s} calls/s  p50 ${ceiling.p50_ms} ms`,
        `what-if JSON-RPC bridge (no SDK transport) × ${LEVELS[0]}: ${bridge.calls_per_s} calls/s  p50 ${bridge.p50_ms} ms  errors ${bridge.errors}`,
      ].concat(LEVELS.map(
        (workers) =>
          `${String(workers).padStart(2)} clients  ${levels[workers].calls_per_s} calls/s  p50 ${levels[workers].p50_ms} ms  p99 ${levels[workers].p99_ms} ms  errors ${levels[workers].errors}  ${levels[workers].calls_per_server_cpu_s} calls/server-CPU-s` +
          `   (bare pg ${floors[workers].calls_per_s}/s)${workers === 8 ? `   target ≥ ${TARGET}/s` : ''}`,
      )),
    };
  } finally {
    await workspace.drop();
  }
}
