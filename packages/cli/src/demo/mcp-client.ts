import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Envelope } from '../render/envelope.js';

export interface DemoClient {
  listTools(): Promise<Array<{ name: string; description?: string; _meta?: Record<string, unknown> }>>;
  call(name: string, args: Record<string, unknown>): Promise<Envelope>;
  /** The child's stderr so far (startup lines; shown only when something fails). */
  stderr(): string;
  close(): Promise<void>;
}

/** This CLI's own bin (the bundle's chunks sit next to it in dist/). */
export function ownBinPath(): string {
  return new URL('./bin.js', import.meta.url).pathname;
}

/**
 * A real `mcp serve` child process driven by the MCP SDK client over stdio — exactly what an
 * MCP client such as Claude Desktop does.
 */
export async function startDemoClient(options: {
  configPath: string;
  storePath: string;
  env: Record<string, string>;
  version: string;
}): Promise<DemoClient> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [ownBinPath(), 'mcp', 'serve', '--config', options.configPath, '--store', options.storePath],
    env: { ...(process.env as Record<string, string>), SYNAPSOR_LOG_LEVEL: 'warn', ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'synapsor-demo', version: options.version });
  await client.connect(transport);
  return {
    listTools: async () => (await client.listTools()).tools as Array<{ name: string; description?: string; _meta?: Record<string, unknown> }>,
    call: async (name, args) => {
      const result = await client.callTool({ name, arguments: args });
      return result.structuredContent as unknown as Envelope;
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}
