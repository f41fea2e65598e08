"""`qa mcp` through a real MCP client of the same SDK, over stdio, with the fake assistant (seconds, no models)."""
import os
import sys

import anyio
import pytest

from qa.interfaces.mcp_server import create_server
from qa.interfaces.fake import FakeAssistant

pytest.importorskip("mcp")
from mcp.client.session import ClientSession  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


async def _session_calls(calls):
    params = StdioServerParameters(command=sys.executable, args=["-m", "qa", "mcp", "--fake"], cwd=ROOT,
                                   env={"PYTHONPATH": ROOT, "HF_HUB_OFFLINE": "1"})
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()
            results = [await session.call_tool(name, args) for name, args in calls]
    return tools, results


def test_client_lists_the_tools_and_calls_ask_search_and_reports():
    tools, (ask, search, reports, bad) = anyio.run(_session_calls, [
        ("ask", {"question": "张掖市累计为驻地部队划拨了多少亩土地？"}),
        ("search", {"query": "芜湖划拨土地", "k": 2, "places": ["芜湖"]}),
        ("reports", {}),
        ("search", {"query": "芜湖", "k": 0}),
    ])
    by_name = {t.name: t for t in tools.tools}
    assert set(by_name) == {"search", "ask", "reports"}
    assert by_name["ask"].input_schema["required"] == ["question"]
    assert "answers" in by_name["ask"].output_schema["properties"]
    answer = ask.structured_content["answers"][0]
    assert not ask.is_error and answer["text"] == "2000多亩"
    assert answer["passage"]["text"][answer["start"]:answer["end"]] == "2000多亩"
    assert answer["citation"]["report"] == 1 and answer["citation"]["paragraph"] == 4
    assert [h["passage"]["places"] for h in search.structured_content["hits"]] == [["芜湖市"]]
    listed = reports.structured_content["result"]
    assert [r["number"] for r in listed] == [1, 2, 5, 8]
    assert bad.is_error and "k must be an integer >= 1, got 0" in bad.content[0].text


def test_models_load_on_the_first_tool_call_only():
    loads = []

    def factory():
        loads.append(1)
        return FakeAssistant()

    create_server(factory)
    assert loads == []
