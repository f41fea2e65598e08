"""MCP over stdio, the real `qa mcp` in a subprocess: unknown methods, missing or odd ids, batches, wrong
parameter types, wrong argument types for the tools. Every request gets an answer (a JSON-RPC error or a tool
error naming the problem) in time; a notification gets none but the server stays up."""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from eval.hostile.common import Q, ROOT, Case, clean_env

FAMILY = "mcp"
TIMEOUT = 60


class Session:
    """A `qa mcp` process and its stdout lines, read on a thread."""

    def __init__(self, args: list[str] = ()) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "qa", "mcp", *args], cwd=ROOT, env=clean_env(),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()  # never let stderr fill up

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)

    def send(self, raw: bytes) -> None:
        self.proc.stdin.write(raw + b"\n")
        self.proc.stdin.flush()

    def reply(self, timeout: float = TIMEOUT) -> dict | None:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        try:
            return json.loads(line)
        except ValueError:
            return {"_not_json": line[:200].decode("utf-8", "replace")}

    def close(self) -> int | None:
        try:
            self.proc.stdin.close()
            return self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None

    def initialize(self) -> dict | None:
        self.send(_msg(0, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                         "clientInfo": {"name": "hostile-sweep", "version": "1"}}))
        answer = self.reply()
        self.send(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}).encode())
        return answer


def _msg(id_, method: str, params: object = None) -> bytes:
    message = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        message["params"] = params
    return json.dumps(message, ensure_ascii=False).encode()


def _call(id_, tool: str, arguments: object) -> bytes:
    return _msg(id_, "tools/call", {"name": tool, "arguments": arguments})


# (name, line, expect): "error" a JSON-RPC error, "tool error" a result with isError naming `must`,
# "result" a result without isError, "answer" either, "none" no reply (a notification)
def requests() -> list[tuple[str, bytes, str, str]]:
    return [
        ("unknown method", _msg(101, "tools/frobnicate"), "error", ""),
        ("method a number", b'{"jsonrpc": "2.0", "id": 102, "method": 7}', "error", ""),
        ("jsonrpc 1.0", b'{"jsonrpc": "1.0", "id": 103, "method": "tools/list"}', "error", ""),
        ("no jsonrpc field", b'{"id": 104, "method": "tools/list"}', "error", ""),
        ("id an object", b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "tools/list"}', "error", ""),
        ("id true", b'{"jsonrpc": "2.0", "id": true, "method": "tools/list"}', "error", ""),
        ("id a float", b'{"jsonrpc": "2.0", "id": 1.5, "method": "tools/list"}', "answer", ""),
        ("id null", b'{"jsonrpc": "2.0", "id": null, "method": "tools/list"}', "answer", ""),
        ("a batch of two requests", b"[" + _msg(105, "tools/list") + b"," + _msg(106, "ping") + b"]", "answer", ""),
        ("an empty batch", b"[]", "error", ""),
        ("params a string", b'{"jsonrpc": "2.0", "id": 107, "method": "tools/call", "params": "ask"}', "error", ""),
        ("params null on tools/call", b'{"jsonrpc": "2.0", "id": 108, "method": "tools/call", "params": null}',
         "error", ""),
        ("tools/call without a name", _msg(109, "tools/call", {"arguments": {"question": Q}}), "error", ""),
        ("an unknown tool", _call(110, "delete_everything", {}), "answer", "delete_everything"),
        ("arguments an array", _msg(111, "tools/call", {"name": "ask", "arguments": [Q]}), "answer", ""),
        ("ask without a question", _call(112, "ask", {}), "tool error", "question"),
        ("ask with question 123", _call(113, "ask", {"question": 123}), "tool error", "question"),
        ("ask with question null", _call(114, "ask", {"question": None}), "tool error", "question"),
        ("ask with k \"3\"", _call(115, "ask", {"question": Q, "k": "3"}), "tool error", "k"),
        ("ask with k true", _call(116, "ask", {"question": Q, "k": True}), "tool error", "k"),
        ("ask with k 0", _call(117, "ask", {"question": Q, "k": 0}), "tool error", "k"),
        ("ask with k -1", _call(118, "ask", {"question": Q, "k": -1}), "tool error", "k"),
        ("ask with k 2.0", _call(119, "ask", {"question": Q, "k": 2.0}), "tool error", "k"),
        ("search with k a billion", _call(120, "search", {"query": Q, "k": 10 ** 9}), "tool error", "k"),
        ("search with reports [true]", _call(121, "search", {"query": Q, "reports": [True]}), "tool error", "reports"),
        ("search with places \"张掖\" (a string)", _call(122, "search", {"query": Q, "places": "张掖"}), "tool error",
         "places"),
        ("ask with an unknown argument", _call(123, "ask", {"question": Q, "verbose": True}), "answer", ""),
        ("ask with history a string", _call(124, "ask", {"question": Q, "history": "x"}), "tool error", "history"),
        ("ask a question of emoji", _call(125, "ask", {"question": "😀🎉"}), "answer", ""),
        ("ask a question of 50,000 characters", _call(126, "ask", {"question": "张" * 50_000}), "tool error", "500"),
        ("ask a question with a lone surrogate", b'{"jsonrpc": "2.0", "id": 127, "method": "tools/call", "params": '
                                                 b'{"name": "ask", "arguments": {"question": "\\udc80"}}}', "error", ""),
        ("ask with \\u escapes", _call(128, "ask", {"question": Q}).decode().encode("ascii", "backslashreplace")
         .replace(b"\\x", b"\\u00"), "result", "2000"),
        ("ask with reports [99999]", _call(129, "ask", {"question": Q, "reports": [99999]}), "tool error", "99999"),
        ("not JSON", b"hello", "error", ""),
        ("truncated JSON", _msg(130, "tools/list")[:-3], "error", ""),
        ("a line of invalid UTF-8", b'{"jsonrpc": "2.0", "id": 131, "method": "\xff\xfe"}', "error", ""),
        ("a tools/list without id (a notification)", b'{"jsonrpc": "2.0", "method": "tools/list"}', "none", ""),
        ("an unknown notification", b'{"jsonrpc": "2.0", "method": "notifications/whatever"}', "none", ""),
        ("reports tool", _call(132, "reports", {}), "result", "张掖"),
        ("ping at the end", _msg(133, "ping"), "result", ""),
    ]


def judge(answer: dict | None, expect: str, must: str) -> tuple[bool, str]:
    text = json.dumps(answer, ensure_ascii=False)[:300] if answer is not None else "no reply"
    if expect == "none":
        return answer is None, text
    if answer is None:
        return False, "no reply within the timeout"
    if isinstance(answer, list):
        return expect == "answer" and bool(answer), text
    is_error = "error" in answer
    is_tool_error = bool(answer.get("result", {}).get("isError"))
    if expect == "error":
        return is_error and bool(answer["error"].get("message")), text
    if expect == "tool error":
        good = (is_tool_error or is_error) and must.lower() in text.lower()
        return good and "Traceback" not in text, text
    if expect == "result":
        return "result" in answer and not is_tool_error and must in text, text
    return (is_error or "result" in answer) and "Traceback" not in text, text


def cases(tmp: Path) -> list[Case]:
    session = Session()
    out = []
    try:
        started = time.perf_counter()
        init = session.initialize()
        out.append(Case(FAMILY, "mcp stdio", "initialize", "initialize + notifications/initialized",
                        "an initialize result", json.dumps(init)[:200] if init else "no reply", bool(init and
                                                                                                  "result" in init),
                        round(time.perf_counter() - started, 2)))
        for name, line, expect, must in requests():
            started = time.perf_counter()
            session.send(line)
            answer = session.reply(timeout=5 if expect == "none" else (TIMEOUT if b"tools/call" in line else 15))
            if expect == "none":  # then the server must still answer
                session.send(_msg(999, "ping"))
                alive = session.reply()
                passed, observed = answer is None and alive is not None, f"reply {answer}; ping after: {alive}"
            else:
                passed, observed = judge(answer, expect, must)
            expected = {"error": "a JSON-RPC error", "tool error": f"a tool error naming {must!r}",
                        "result": "a result", "answer": "a JSON-RPC error or a result, no traceback",
                        "none": "no reply (a notification), the server still answers a ping"}[expect]
            shown = line[:160].decode("utf-8", "replace") + ("…" if len(line) > 160 else "")
            out.append(Case(FAMILY, "mcp stdio", name, shown, expected, observed, passed,
                            round(time.perf_counter() - started, 2)))
    finally:
        rc = session.close()
    out.append(Case(FAMILY, "mcp stdio", "stdin closed", "EOF on stdin", "the server exits 0 within 20 s", f"rc={rc}",
                    rc == 0))
    return out + _uninitialised() + _damaged(tmp)


def _uninitialised() -> list[Case]:
    session = Session()
    try:
        session.send(_call(1, "ask", {"question": Q}))
        answer = session.reply()
    finally:
        session.close()
    return [Case(FAMILY, "mcp stdio", "tools/call before initialize", "tools/call ask as the first message",
                 "an answer or a JSON-RPC error, no hang", json.dumps(answer, ensure_ascii=False)[:300]
                 if answer else "no reply", answer is not None)]


def _damaged(tmp: Path) -> list[Case]:
    import shutil

    from eval.hostile.index_damage import SOURCE, zero_middle

    folder = tmp / "damaged"
    shutil.copytree(SOURCE, folder)
    zero_middle(folder / "columns.npz")
    session = Session(["--index", str(folder)])
    try:
        session.initialize()
        session.send(_call(2, "search", {"query": Q}))
        answer = session.reply()
    finally:
        session.close()
    passed, observed = judge(answer, "tool error", "columns.npz")
    return [Case(FAMILY, "mcp stdio", "search over a damaged index", "qa mcp --index COPY (columns.npz zeroed in the "
                 "middle); tools/call search", "a tool error naming columns.npz and the fix", observed, passed)]
