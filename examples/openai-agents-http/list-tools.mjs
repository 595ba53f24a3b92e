// Lists the tools of a running Streamable HTTP server with the MCP SDK client: no OpenAI key needed.
//   SYNAPSOR_RUNNER_HTTP_TOKEN=<token> node examples/openai-agents-http/list-tools.mjs
// Env: SYNAPSOR_RUNNER_HTTP_URL (default http://127.0.0.1:8766/mcp), SYNAPSOR_RUNNER_HTTP_TOKEN (required).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const token = process.env.SYNAPSOR_RUNNER_HTTP_TOKEN;
if (!token) {
  console.error('set SYNAPSOR_RUNNER_HTTP_TOKEN (the same value the server was started with)');
  process.exit(2);
}
const url = new URL(process.env.SYNAPSOR_RUNNER_HTTP_URL ?? 'http://127.0.0.1:8766/mcp');
const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: 'synapsor-list-tools', version: '1.0.0' });
await client.connect(transport);
const { tools } = await client.listTools();
for (const tool of tools) console.log(`${tool.name}  ${tool.description.split('\n')[0]}`);
await client.close();
