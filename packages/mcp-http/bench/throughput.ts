// tools/call throughput and latency: 8 concurrent SDK clients (one session each) for 10 s
// against a Streamable HTTP server in its own process (stub runtime for now; the lead re-runs
// it against PostgreSQL). Run: `pnpm --filter @synapsor/mcp-http bench`.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { bundleForNode, packagesDir } from '../../../scripts/bundle-for-node.mjs';
import { READ_TOOL } from '../../core/test/mcp/support/stub-runtime.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = 'bench-token-0123456789abcdef0123456789';
const serverEntry = resolve(packagesDir, 'mcp-http/bench/server.ts');

const script = await bundleForNode(serverEntry);
// BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server process.
const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, script], {
  env: { PATH: process.env.PATH ?? '', SYNAPSOR_RUNNER_HTTP_TOKEN: TOKEN, SYNAPSOR_LOG_LEVEL: process.env.SYNAPSOR_LOG_LEVEL ?? 'info' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
child.stdout.setEncoding('utf8');
const nextLine = () => new Promise<Record<string, unknown>>((resolveLine) => child.stdout.once('data', (line: string) => resolveLine(JSON.parse(line))));
const url = (await nextLine()).url as string;

try {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client({ name: 'bench', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
      return client;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const serverCpu = async (): Promise<number> => {
    const line = nextLine();
    child.kill('SIGTERM');
    return (await line).cpu_ms as number;
  };
  const clientCpuStart = process.cpuUsage();
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const result = await client.callTool({ name: READ_TOOL, arguments: { invoice_id: 'inv_1' } });
        latencies.push(performance.now() - started);
        if ((result.structuredContent as { ok?: boolean } | undefined)?.ok !== true) errors += 1;
      }
    }),
  );
  const clientCpu = process.cpuUsage(clientCpuStart);
  const serverCpuMs = await serverCpu();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(2);
  console.log(
    JSON.stringify(
      {
        node: process.version,
        cpus: cpus().length,
        clients: CLIENTS,
        seconds: SECONDS,
        calls: latencies.length,
        errors,
        calls_per_second: Math.round(latencies.length / SECONDS),
        p50_ms: Number(at(50)),
        p99_ms: Number(at(99)),
        // Load-independent view: calls per CPU-second the server process spent (incl. startup).
        server_cpu_ms: serverCpuMs,
        calls_per_server_cpu_second: Math.round(latencies.length / (serverCpuMs / 1000)),
        client_cpu_ms: Math.round((clientCpu.user + clientCpu.system) / 1000),
        load_average_1m: loadavg()[0],
      },
      null,
      2,
    ),
  );
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
} finally {
  if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(script, { force: true });
}
