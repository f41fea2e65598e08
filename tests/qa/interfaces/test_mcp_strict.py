"""Issue 22, "Why" 4 and 5, over MCP: every stdio line gets a reply (malformed ones a JSON-RPC error), no bool is
taken as an int, and a tool error carries its reason (a damaged index: the file)."""
import json
import os
import select
import subprocess
import sys

import anyio
import pytest

from qa.interfaces.fake import FakeAssistant
from qa.interfaces.mcp_server import create_server
from qa.interfaces.mcp_stdio import error_reply, top_level_id

pytest.importorskip("mcp")
from mcp.server.mcpserver.exceptions import ToolError  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}


def replies(lines: list[str]) -> list[dict]:
    """Each line's reply from `qa mcp --fake` over stdio (after initialize), or {} when none came in 20 s."""
    proc = subprocess.Popen([sys.executable, "-m", "qa", "mcp", "--fake"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": ROOT, "HF_HUB_OFFLINE": "1"})
    try:
        out = []
        for line in [json.dumps(INIT), *lines]:
            proc.stdin.write(line.encode("utf-8") + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 20)
            out.append(json.loads(proc.stdout.readline()) if ready else {})
        return out[1:]
    finally:
        proc.kill()
        proc.wait()


def test_every_malformed_line_is_answered_and_the_server_goes_on():
    deep = "[" * 100_000 + "]" * 100_000
    answers = replies([
        '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "ask", '
        '"arguments": {"question": "\\ud800张掖"}}}',
        '{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": [1, 2, 3]}',
        '{"jsonrpc": "2.0", "id": "deep", "method": "tools/call", "params": {"name": "ask", "arguments": '
        '{"question": ' + deep + '}}}',
        deep,
        "not json",
        '{"jsonrpc": "2.0", "id": 9, "method": "ping"}',
    ])
    assert [a.get("id", "none") for a in answers] == [1, 2, "deep", None, None, 9]
    assert [a["error"]["code"] for a in answers[:5]] == [-32600, -32600, -32700, -32700, -32700]
    assert "lone surrogate" in answers[0]["error"]["message"] and "params" in answers[1]["error"]["message"]
    assert answers[5] == {"jsonrpc": "2.0", "id": 9, "result": {}}


def test_the_id_of_a_line_too_deep_to_parse_is_found_at_its_top_level():
    assert top_level_id('{"method": "id", "params": {"id": 3}, "id": "a\\"b", "x": ' + "[" * 5000) == 'a"b'
    assert top_level_id("[" * 5000) is None
    reply = error_reply('{"jsonrpc": "2.0", "id": "\\udc00", "method": 1}', ValueError("bad"))
    assert reply.id is None and reply.error.code == -32600  # an id that cannot be written back is null


def call(server, name: str, arguments: dict):
    return anyio.run(server.call_tool, name, arguments)


@pytest.mark.parametrize("name, arguments", [
    ("search", {"query": "芜湖", "k": True}),
    ("ask", {"question": "芜湖", "k": True}),
    ("ask", {"question": "芜湖", "reports": [True]}),
    ("search", {"query": "芜湖", "reports": [1, False]}),
    ("search", {"query": "芜湖", "places": [1]}),
])
def test_no_bool_is_taken_as_an_int(name, arguments):
    with pytest.raises(ToolError, match="valid (integer|string)"):
        call(create_server(FakeAssistant), name, arguments)


def test_a_damaged_index_is_a_tool_error_naming_the_file(mini_index, hashing_encoder):
    from qa.retrieval.retriever import Retriever

    (mini_index / "columns.npz").write_bytes(b"")

    def load():
        assistant = FakeAssistant()
        assistant.retriever = Retriever.load(mini_index, encoder=hashing_encoder)
        return assistant

    with pytest.raises(ToolError, match=r"columns\.npz is damaged .*qa index --out"):
        call(create_server(load), "ask", {"question": "乙县提供用地多少亩"})


def test_an_unexpected_error_reaches_the_client_with_its_reason():
    def load():
        raise RuntimeError("No data left in file")

    with pytest.raises(ToolError, match="RuntimeError: No data left in file"):
        call(create_server(load), "reports", {})


def test_a_request_with_an_id_that_is_no_string_or_integer_is_answered():
    """Hostile sweep: id null, true, 1.5 or an object made the SDK take the request for a notification (no reply)."""
    answers = replies([
        '{"jsonrpc": "2.0", "id": null, "method": "tools/list"}',
        '{"jsonrpc": "2.0", "id": true, "method": "tools/list"}',
        '{"jsonrpc": "2.0", "id": 1.5, "method": "ping"}',
        '{"jsonrpc": "2.0", "id": {"a": 1}, "method": "ping"}',
        '{"jsonrpc": "2.0", "id": 7, "method": "ping"}',
    ])
    assert [a.get("error", {}).get("code") for a in answers[:4]] == [-32600] * 4
    assert all(a["id"] is None and "id must be a string or an integer" in a["error"]["message"] for a in answers[:4])
    assert answers[4] == {"jsonrpc": "2.0", "id": 7, "result": {}}
