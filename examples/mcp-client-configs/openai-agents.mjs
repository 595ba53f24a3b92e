import { Agent, run, MCPServerStdio, MCPServerStreamableHttp } from "@openai/agents";

const stdio = new MCPServerStdio({ name: "synapsor", command: "synapsor-runner",
  args: ["mcp","serve","--config","./synapsor.runner.json","--alias-mode","openai","--env-file","./.synapsor/runner.env"] });
const http = new MCPServerStreamableHttp({ name: "synapsor", url: "http://127.0.0.1:8766/mcp",
  requestInit: { headers: { Authorization: `Bearer ${process.env.SYNAPSOR_RUNNER_HTTP_TOKEN}` } } });

const server = process.env.SYNAPSOR_RUNNER_HTTP_TOKEN ? http : stdio;
await server.connect();
const agent = new Agent({ name: "billing-assistant", mcpServers: [server],
  instructions: "Inspect before proposing. A proposal changes nothing until a person approves it." });
console.log((await run(agent, "Check invoice INV-3001 and propose waiving its late fee.")).finalOutput);
await server.close();
