import asyncio
import os
import sys

try:
    from agents import Agent, Runner
    from agents.mcp import MCPServerStreamableHttp
except ImportError as exc:
    raise SystemExit("This example needs the OpenAI Agents SDK: pip install -r requirements.txt") from exc


async def main() -> None:
    missing = [name for name in ("OPENAI_API_KEY", "SYNAPSOR_RUNNER_HTTP_TOKEN") if not os.environ.get(name)]
    if missing:
        raise SystemExit(f"Missing environment variables: {', '.join(missing)}")
    url = os.environ.get("SYNAPSOR_RUNNER_HTTP_URL", "http://127.0.0.1:8766/mcp")
    token = os.environ["SYNAPSOR_RUNNER_HTTP_TOKEN"]
    invoice_id = os.environ.get("SYNAPSOR_INVOICE_ID", "INV-3001")
    async with MCPServerStreamableHttp(params={"url": url, "headers": {"Authorization": f"Bearer {token}"}, "timeout": 15}) as server:
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
