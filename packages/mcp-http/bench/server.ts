// Bench server process: Streamable HTTP over the stub runtime; prints its URL as one JSON line.
import { createStreamableHttpServer } from '@synapsor/mcp-http';
import { createStubRuntime } from '../../core/test/mcp/support/stub-runtime.js';

const server = createStreamableHttpServer(createStubRuntime(), {
  version: 'bench',
  port: 0,
  rateLimit: 0,
  logLevel: process.env.SYNAPSOR_LOG_LEVEL ?? 'info',
});
const { url } = await server.listen();
process.stdout.write(`${JSON.stringify({ url })}\n`);
// On SIGTERM, report the CPU this process used so results can be read per CPU-second.
process.once('SIGTERM', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpu_ms: Math.round((user + system) / 1000) })}\n`);
  void server.close().then(() => process.exit(0));
});
