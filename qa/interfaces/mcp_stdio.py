"""MCP over stdio where every line gets an answer: the SDK drops a line that is not a JSON-RPC message (a lone
surrogate, "params": [1, 2, 3], arrays nested 100,000 deep) without a reply, and its client waits forever; here
such a line is answered with a JSON-RPC error (-32700 when it is not JSON, -32600 when it is not a request),
carrying its id when one can be found."""
from __future__ import annotations

import json
import logging
import os
import re
import sys
from io import TextIOWrapper
from typing import Any, AsyncIterator

import anyio

log = logging.getLogger(__name__)

PARSE_ERROR, INVALID_REQUEST = -32700, -32600
STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
ID_VALUE = re.compile(r'\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")', re.S)


async def serve_stdio(server: Any) -> None:
    """Run an MCPServer over this process's stdin and stdout (as `server.run("stdio")` does), answering
    malformed lines."""
    from mcp.server.stdio import stdio_server

    lines = AnsweredLines(anyio.wrap_file(TextIOWrapper(open(os.dup(sys.stdin.fileno()), "rb"), encoding="utf-8",
                                                        errors="replace")))
    async with stdio_server(stdin=lines) as (read_stream, write_stream):
        lines.answer_to(write_stream)
        lowlevel = server._lowlevel_server  # what MCPServer.run_stdio_async runs: no public handle in SDK 2.3
        await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())


class AnsweredLines:
    """The lines of a text stream, less blank ones and those that are not JSON-RPC messages: each of those is
    answered with a JSON-RPC error on the write stream given to `answer_to`."""

    def __init__(self, lines: Any) -> None:
        self._lines = lines
        self._write: Any = None
        self._ready = anyio.Event()

    def answer_to(self, write_stream: Any) -> None:
        self._write = write_stream
        self._ready.set()

    def __aiter__(self) -> AsyncIterator[str]:
        return self._checked()

    async def _checked(self) -> AsyncIterator[str]:
        import mcp_types as types
        from mcp.shared.message import SessionMessage

        async for line in self._lines:
            if not line.strip():
                continue
            try:
                types.jsonrpc_message_adapter.validate_json(line, by_name=False)
                check_id(line)
            except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError or a recursion error: answered
                await self._ready.wait()
                await self._write.send(SessionMessage(error_reply(line, exc)))
                continue
            yield line


class BadIdError(ValueError):
    """A request whose id is neither a string nor an integer (null, true, 1.5, an object)."""


def check_id(line: str) -> None:
    """BadIdError when the line is a request with an "id" that is not a string or an integer: the SDK would take
    it for a notification (no "id") and never answer it, and the client would wait forever."""
    if '"id"' not in line:
        return
    try:
        message = json.loads(line)
    except (ValueError, RecursionError):  # the SDK parsed it; what Python's json cannot is left to the SDK
        return
    if isinstance(message, dict) and "id" in message and "method" in message:
        request_id = message["id"]
        if isinstance(request_id, bool) or not isinstance(request_id, (int, str)):
            raise BadIdError(f"id must be a string or an integer, got {json.dumps(request_id)[:40]} (a message "
                             "without an id is a notification and gets no answer)")


def error_reply(line: str, exc: Exception):
    """The JSON-RPC error answering a line the SDK refused (a JSONRPCError)."""
    import mcp_types as types

    try:
        message = json.loads(line)
        code = INVALID_REQUEST
    except (ValueError, RecursionError):
        message, code = None, PARSE_ERROR
    request_id = message.get("id") if isinstance(message, dict) else top_level_id(line)
    if isinstance(request_id, bool) or not isinstance(request_id, (int, str)) or not _encodable(request_id):
        request_id = None
    reason = _reason(exc)
    if code == INVALID_REQUEST and SURROGATE.search(line) and "JSON" in reason:  # Python's json takes it, jiter not
        reason += r" (a lone surrogate escape such as \ud800 is not valid Unicode)"
    log.info("answered a malformed message (id %r) with error %d: %s", request_id, code, reason)
    return types.JSONRPCError(jsonrpc="2.0", id=request_id, error=types.ErrorData(
        code=code, message=f"{'parse error' if code == PARSE_ERROR else 'invalid request'}: {reason}"))


def _reason(exc: Exception) -> str:
    """The first problem pydantic found, without the input it echoes (it may hold a lone surrogate)."""
    errors = getattr(exc, "errors", None)
    try:
        first = errors(include_input=False, include_url=False)[0] if errors else None
    except Exception:  # noqa: BLE001 - an exception that only looks like pydantic's
        first = None
    if first is None:
        return f"{type(exc).__name__}: {str(exc)[:160]}".encode("utf-8", "replace").decode("utf-8")
    where = ".".join(str(p) for p in first.get("loc", ()))
    text = f"{where}: {first['msg']}" if where else first["msg"]
    return text[:200].encode("utf-8", "replace").decode("utf-8")


def top_level_id(line: str) -> int | str | None:
    """The "id" of a JSON object too deep or broken to parse, found by scanning its top level:
    '{"jsonrpc": "2.0", "id": 4, "params": [[[[' -> 4; None when there is none."""
    depth, i = 0, 0
    while i < len(line):
        char = line[i]
        if char == '"':
            match = STRING.match(line, i)
            if match is None:
                return None
            value = ID_VALUE.match(line, match.end()) if depth == 1 and match.group() == '"id"' else None
            if value:
                return json.loads(value.group(1))
            i = match.end()
            continue
        depth += char in "[{"
        depth -= char in "]}"
        i += 1
    return None


def _encodable(value: Any) -> bool:
    """Whether value can be written as UTF-8 (a string id with a lone surrogate cannot)."""
    try:
        str(value).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
