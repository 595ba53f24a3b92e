// Lists the tools the runner exposes over stdio, with the MCP SDK client: no OpenAI key needed.
// Run from the folder holding synapsor.runner.json:
//   node examples/openai-agents-stdio/list-tools.mjs
// Env: SYNAPSOR_CONFIG (default ./synapsor.runner.json), SYNAPSOR_RUNNER_BIN (default synapsor-runner),
// plus the database/tenant env the config names (or an --env-file via SYNAPSOR_ENV_FILE).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const args = ['mcp', 'serve', '--config', process.env.SYNAPSOR_CONFIG ?? './synapsor.runner.json', '--alias-mode', 'openai'];
if (process.env.SYNAPSOR_ENV_FILE) args.push('--env-file', process.env.SYNAPSOR_ENV_FILE);
const transport = new StdioClientTransport({ command: process.env.SYNAPSOR_RUNNER_BIN ?? 'synapsor-runner', args, env: process.env, stderr: 'inherit' });
const client = new Client({ name: 'synapsor-list-tools', version: '1.0.0' });
await client.connect(transport);
const { tools } = await client.listTools();
for (const tool of tools) console.log(`${tool.name}  ${tool.description.split('\n')[0]}`);
await client.close();
