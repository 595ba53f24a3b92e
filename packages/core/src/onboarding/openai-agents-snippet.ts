import { AGENT_INSTRUCTIONS, SHORT_AGENT_INSTRUCTIONS } from './agent-instructions.js';
import { HTTP_DEFAULTS } from './client-types.js';

export interface OpenAiAgentsCodeOptions {
  language: 'js' | 'python';
  transport: 'stdio' | 'streamable-http';
  stdioArgs: string[];
  url: string;
  authTokenEnv?: string;
  includeInstructions?: boolean;
  serverName?: string;
}

const PROMPT = 'Check invoice INV-3001 and propose waiving its late fee.';

function instructionsOf(options: OpenAiAgentsCodeOptions): string {
  return options.includeInstructions ? AGENT_INSTRUCTIONS.join(' ') : SHORT_AGENT_INSTRUCTIONS;
}

function js(options: OpenAiAgentsCodeOptions): string {
  const token = options.authTokenEnv ?? HTTP_DEFAULTS.authTokenEnv;
  const name = JSON.stringify(options.serverName ?? 'synapsor');
  const stdio = `const stdio = new MCPServerStdio({ name: ${name}, command: "synapsor-runner",\n  args: ${JSON.stringify(options.stdioArgs)} });`;
  const http = `const http = new MCPServerStreamableHttp({ name: ${name}, url: ${JSON.stringify(options.url)},\n  requestInit: { headers: { Authorization: \`Bearer \${process.env.${token}}\` } } });`;
  const both = options.transport === 'streamable-http';
  return [
    `import { Agent, run, ${both ? 'MCPServerStdio, MCPServerStreamableHttp' : 'MCPServerStdio'} } from "@openai/agents";`,
    '',
    stdio,
    ...(both ? [http, '', `const server = process.env.${token} ? http : stdio;`] : ['', 'const server = stdio;']),
    'await server.connect();',
    `const agent = new Agent({ name: "billing-assistant", mcpServers: [server],\n  instructions: ${JSON.stringify(instructionsOf(options))} });`,
    `console.log((await run(agent, ${JSON.stringify(PROMPT)})).finalOutput);`,
    'await server.close();',
    '',
  ].join('\n');
}

function python(options: OpenAiAgentsCodeOptions): string {
  const token = options.authTokenEnv ?? HTTP_DEFAULTS.authTokenEnv;
  const args = `[${options.stdioArgs.map((arg) => JSON.stringify(arg)).join(', ')}]`;
  const stdio = `MCPServerStdio(params={"command": "synapsor-runner", "args": ${args}})`;
  const both = options.transport === 'streamable-http';
  const choose = both
    ? [
        `    if os.environ.get("${token}"):`,
        `        server = MCPServerStreamableHttp(params={"url": ${JSON.stringify(options.url)},`,
        `            "headers": {"Authorization": f"Bearer {os.environ['${token}']}"}})`,
        '    else:',
        `        server = ${stdio}`,
      ]
    : [`    server = ${stdio}`];
  return [
    'import asyncio, os',
    'from agents import Agent, Runner',
    `from agents.mcp import ${both ? 'MCPServerStdio, MCPServerStreamableHttp' : 'MCPServerStdio'}`,
    '',
    'async def main() -> None:',
    ...choose,
    '    async with server:',
    '        agent = Agent(name="billing-assistant", mcp_servers=[server],',
    `                      instructions=${JSON.stringify(instructionsOf(options))})`,
    `        print((await Runner.run(agent, ${JSON.stringify(PROMPT)})).final_output)`,
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');
}

/** OpenAI Agents SDK program of examples.md (JS or Python), with the runner's launch args filled in. */
export function openAiAgentsCode(options: OpenAiAgentsCodeOptions): string {
  return options.language === 'python' ? python(options) : js(options);
}
