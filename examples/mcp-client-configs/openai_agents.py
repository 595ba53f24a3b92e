import asyncio, os
from agents import Agent, Runner
from agents.mcp import MCPServerStdio, MCPServerStreamableHttp

async def main() -> None:
    if os.environ.get("SYNAPSOR_RUNNER_HTTP_TOKEN"):
        server = MCPServerStreamableHttp(params={"url": "http://127.0.0.1:8766/mcp",
            "headers": {"Authorization": f"Bearer {os.environ['SYNAPSOR_RUNNER_HTTP_TOKEN']}"}})
    else:
        server = MCPServerStdio(params={"command": "synapsor-runner", "args": ["mcp", "serve", "--config", "./synapsor.runner.json", "--alias-mode", "openai", "--env-file", "./.synapsor/runner.env"]})
    async with server:
        agent = Agent(name="billing-assistant", mcp_servers=[server],
                      instructions="Inspect before proposing. A proposal changes nothing until a person approves it.")
        print((await Runner.run(agent, "Check invoice INV-3001 and propose waiving its late fee.")).final_output)

asyncio.run(main())
