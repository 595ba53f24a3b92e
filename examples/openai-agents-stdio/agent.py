import asyncio
import os
import sys

try:
    from agents import Agent, Runner
    from agents.mcp import MCPServerStdio
except ImportError as exc:
    raise SystemExit("This example needs the OpenAI Agents SDK: pip install -r requirements.txt") from exc


async def main() -> None:
    if not os.environ.get("OPENAI_API_KEY"):
        raise SystemExit("Set OPENAI_API_KEY (to only list tools without a key: node list-tools.mjs)")
    args = ["mcp", "serve", "--config", os.environ.get("SYNAPSOR_CONFIG", "./synapsor.runner.json"), "--alias-mode", "openai"]
    if os.environ.get("SYNAPSOR_ENV_FILE"):
        args += ["--env-file", os.environ["SYNAPSOR_ENV_FILE"]]
    invoice_id = os.environ.get("SYNAPSOR_INVOICE_ID", "INV-3001")
    async with MCPServerStdio(params={"command": "synapsor-runner", "args": args}) as server:
        agent = Agent(
            name="billing-assistant",
            mcp_servers=[server],
            instructions="Inspect before proposing. A proposal changes nothing until a person approves it.",
        )
        result = await Runner.run(agent, f"Check invoice {invoice_id} and propose waiving its late fee.")
        print(result.final_output)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
