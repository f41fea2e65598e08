"""`qa mcp`: the retriever and the assistant as MCP tools (search, ask, reports), over stdio by default.

    qa mcp                         # stdio: what MCP clients (Claude Desktop, IDEs, agents) launch
    qa mcp --index idx/ --reader models/reader
    qa mcp --transport streamable-http --port 8001

The tools are thin over the assistant and share the HTTP service's JSON shapes; the index and models load on
the first tool call, so the server starts at once and `tools/list` needs no model.
"""
from __future__ import annotations

import argparse
import functools
import logging
import threading
from typing import Any, Callable, Sequence

from pydantic import StrictInt, StrictStr

from embeddings.errors import DependencyMissingError, QAError
from qa.interfaces.service_models import AskRequest, AskResponse, HitOut, ReportOut, SearchResponse, TurnIn
from qa.interfaces.loading import assistant_factory
from qa.settings import check_k, check_port_free, check_query, server_parser

log = logging.getLogger(__name__)

NO_ANSWER = "报告中没有这个问题的答案；最接近的段落在 hits 里"
INSTRUCTIONS = ("Question answering over a collection of Chinese reports. `ask` returns an exact answer span "
                "cut from a report with its citation (report, date, paragraph, offsets), or abstained=true with a "
                "reason; `search` returns ranked passages; `reports` lists what the collection holds.")


class LazyAssistant:
    """The assistant, loaded once by `factory` on first use (thread-safe)."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._assistant: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        with self._lock:
            if self._assistant is None:
                self._assistant = self._factory()
                log.info("assistant loaded")
            return self._assistant


def _reported(tool: Callable) -> Callable:
    """A tool whose errors reach the client as a tool error with the reason: a project error names the problem
    and the fix (a damaged index: the file), an unexpected one its kind and message (the log has the traceback)."""
    from mcp.server.mcpserver.exceptions import ToolError

    @functools.wraps(tool)
    def run(*args, **kwargs):
        try:
            return tool(*args, **kwargs)
        except QAError as exc:
            raise ToolError(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - without a reason the client sees only "Error executing tool"
            log.exception("tool %s failed", tool.__name__)
            raise ToolError(f"internal error ({type(exc).__name__}: {str(exc)[:200]}): the server log has the "
                            "details") from exc

    return run


def create_server(factory: Callable[[], Any], *, name: str = "shuangyong-qa"):
    """An MCPServer with the tools `search`, `ask` and `reports` over the assistant that factory() loads."""
    try:
        from mcp.server.mcpserver import MCPServer
    except ImportError as exc:
        raise DependencyMissingError("`qa mcp` needs the MCP SDK: pip install 'mcp>=2'") from exc
    lazy = LazyAssistant(factory)
    server = MCPServer(name=name, instructions=INSTRUCTIONS)

    @server.tool(description="Ranked passages of the reports for a query (Chinese), with citations.")
    @_reported
    def search(query: StrictStr, k: StrictInt = 5, reports: list[StrictInt] | None = None,
               places: list[StrictStr] | None = None) -> SearchResponse:
        assistant = lazy.get()
        query = check_query(query, assistant.settings.max_query_chars)
        hits = assistant.retriever.search(query, check_k(k), reports=reports or None, places=places or None)
        return SearchResponse(query=query, hits=[HitOut.of(h) for h in hits])

    @server.tool(description="Answer a question (Chinese) from the reports: the exact span with its citation, "
                             "or abstained=true and a reason when the reports do not say. A list (哪些城市…), "
                             "comparison (X和Y谁更多) or total (X、Y一共多少) gives kind, a one-line summary and "
                             "parts: each place's own question, answer, citation and confidence. `history` (earlier "
                             "turns) lets a follow-up such as 那芜湖呢？ or 该市… stand for a whole question.")
    @_reported
    def ask(question: StrictStr, k: StrictInt | None = None, reports: list[StrictInt] | None = None,
            places: list[StrictStr] | None = None, history: list[TurnIn] | None = None) -> AskResponse:
        assistant = lazy.get()
        turns = AskRequest(question=question, history=history).turns() if history else None
        response = assistant.ask(question, k=check_k(k) if k is not None else None, reports=reports or None,
                                 places=places or None, history=turns)
        return AskResponse.of(response, message=NO_ANSWER)

    @server.tool(description="The reports in the collection: number, title, subtitle, date, places, passages.")
    @_reported
    def reports() -> list[ReportOut]:
        return ReportOut.all_of(lazy.get().retriever.index)

    return server


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = server_parser("qa mcp", "Serve search and answers as MCP tools (--host/--port: streamable-http only).",
                           port=8001)
    parser.add_argument("--transport", choices=("stdio", "streamable-http"), default="stdio",
                        help="stdio (default: launched by an MCP client) or streamable-http")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """`qa mcp`: serve until the client closes stdin (or until interrupted, over HTTP)."""
    args = parse_args(argv)
    if args.transport != "stdio":
        check_port_free(args.host, args.port)
    server = create_server(assistant_factory(args))
    if args.transport == "stdio":  # stdout is the protocol channel: nothing else may print there
        import anyio

        from qa.interfaces.mcp_stdio import serve_stdio

        anyio.run(serve_stdio, server)  # as server.run("stdio"), but every malformed line is answered
    else:
        server.run("streamable-http", host=args.host, port=args.port)
    return 0
