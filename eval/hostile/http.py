"""The HTTP service, a real `qa serve` on a free port: wrong content types, arrays for objects, odd numbers for
k, unicode escapes, extra fields, long and empty questions, wrong methods and paths, oversized and chunked
bodies; and `qa serve` over a damaged index. Every refusal is a 4xx in the service's shape ({"error", "type"});
nothing is a 500, nothing hangs."""
from __future__ import annotations

import http.client
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from eval.hostile.common import Q, ROOT, Case, clean_env

FAMILY = "http"
TIMEOUT = 60
SHAPE = "4xx with the service's error shape {error, type} naming the problem, no traceback"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "qa", "serve", "--port", str(port), *args], cwd=ROOT,
                            env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_ready(port: int, *, until: float = 120) -> tuple[int, dict]:
    """Poll /health until it says anything but "loading" (or the time is up)."""
    deadline = time.monotonic() + until
    while time.monotonic() < deadline:
        try:
            status, body, _ = request(port, "GET", "/health")
            if not (status == 503 and body.get("status") == "loading"):
                return status, body
        except OSError:
            pass
        time.sleep(0.5)
    return 0, {}


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            *, chunked: bool = False) -> tuple[int, dict, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    started = time.perf_counter()
    try:
        if chunked:
            conn.request(method, path, body=iter([body[i:i + 65536] for i in range(0, len(body), 65536)]),
                         headers=headers or {}, encode_chunked=True)
        else:
            conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = {"_raw": raw[:300].decode("utf-8", "replace")}
    return response.status, parsed if isinstance(parsed, dict) else {"_list": parsed}, time.perf_counter() - started


J = {"Content-Type": "application/json"}


def body_cases() -> list[tuple[str, str, str, bytes, dict, str, bool]]:
    """(name, method, path, body, headers, expect: "4xx" | "200" | "200|4xx", chunked)."""
    def ask(**fields) -> bytes:
        return json.dumps({"question": Q, **fields}, ensure_ascii=False).encode()

    out = [
        ("text/plain content type", "POST", "/ask", ask(), {"Content-Type": "text/plain"}, "200|4xx", False),
        ("form-encoded body", "POST", "/ask", f"question={Q}".encode(), {"Content-Type":
                                                                          "application/x-www-form-urlencoded"}, "4xx", False),
        ("multipart body", "POST", "/ask", b"--x\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\nq\r\n--x--\r\n",
         {"Content-Type": "multipart/form-data; boundary=x"}, "4xx", False),
        ("no content type", "POST", "/search", json.dumps({"query": Q}).encode(), {}, "200|4xx", False),
        ("JSON with charset=latin-1 declared", "POST", "/ask", ask(), {"Content-Type": "application/json; charset=latin-1"},
         "200|4xx", False),
        ("an array of objects", "POST", "/ask", b"[" + ask() + b"]", J, "4xx", False),
        ("a JSON string", "POST", "/ask", b'"' + Q.encode() + b'"', J, "4xx", False),
        ("JSON null", "POST", "/search", b"null", J, "4xx", False),
        ("a JSON number", "POST", "/search", b"42", J, "4xx", False),
        ("an empty body", "POST", "/ask", b"", J, "4xx", False),
        ("truncated JSON", "POST", "/ask", ask()[:-5], J, "4xx", False),
        ("JSON with a trailing comma", "POST", "/ask", ask()[:-1] + b",}", J, "4xx", False),
        ("UTF-8 BOM before the JSON", "POST", "/ask", b"\xef\xbb\xbf" + ask(), J, "200|4xx", False),
        ("UTF-16 encoded JSON", "POST", "/ask", ask().decode().encode("utf-16"), J, "4xx", False),
        ("an array nested 100,000 deep", "POST", "/ask", b"[" * 100_000 + b"]" * 100_000, J, "4xx", False),
        ("question nested 5,000 deep in history", "POST", "/ask", b'{"question": "q", "history": ' + b"[" * 5000 +
         b"]" * 5000 + b"}", J, "4xx", False),
        ("200,000 keys", "POST", "/search", b"{" + b",".join(b'"k%d": 1' % i for i in range(200_000)) + b"}", J, "4xx",
         False),
        ("duplicate keys", "POST", "/search", b'{"query": "x", "query": "' + Q.encode() + b'"}', J, "200|4xx", False),
        ("k a billion", "POST", "/search", json.dumps({"query": Q, "k": 10 ** 9}).encode(), J, "4xx", False),
        ("k 2**70", "POST", "/search", b'{"query": "q", "k": 1180591620717411303424}', J, "4xx", False),
        ("k negative", "POST", "/ask", ask(k=-3), J, "4xx", False),
        ("k zero", "POST", "/search", json.dumps({"query": Q, "k": 0}).encode(), J, "4xx", False),
        ("k 2.0", "POST", "/search", json.dumps({"query": Q, "k": 2.0}).encode(), J, "4xx", False),
        ("k 2.5", "POST", "/ask", ask(k=2.5), J, "4xx", False),
        ("k 1e400 (infinity)", "POST", "/search", b'{"query": "q", "k": 1e400}', J, "4xx", False),
        ("k NaN", "POST", "/search", b'{"query": "q", "k": NaN}', J, "4xx", False),
        ("k \"3\"", "POST", "/search", json.dumps({"query": Q, "k": "3"}).encode(), J, "4xx", False),
        ("k null on /search", "POST", "/search", json.dumps({"query": Q, "k": None}).encode(), J, "4xx", False),
        ("k 100 (the maximum)", "POST", "/search", json.dumps({"query": Q, "k": 100}).encode(), J, "200", False),
        ("question as \\u escapes", "POST", "/ask", json.dumps({"question": Q}).encode(), J, "200", False),
        ("a lone surrogate \\ud800", "POST", "/ask", b'{"question": "\\ud800\\u5f20"}', J, "4xx", False),
        ("a NUL escape \\u0000", "POST", "/ask", b'{"question": "\\u0000\\u0000"}', J, "4xx", False),
        ("question with NUL inside", "POST", "/ask", json.dumps({"question": Q[:5] + "\x00" + Q[5:]}).encode(), J,
         "200|4xx", False),
        ("an extra field", "POST", "/ask", ask(debug=True), J, "4xx", False),
        ("question 100,000 characters", "POST", "/ask", json.dumps({"question": "张" * 100_000}).encode(), J, "4xx",
         False),
        ("question of 10,000 question marks", "POST", "/search", json.dumps({"query": "？" * 10_000}).encode(), J,
         "4xx", False),
        ("question of only punctuation", "POST", "/ask", json.dumps({"question": "？！。，、…"}).encode(), J, "200|4xx",
         False),
        ("question of only emoji", "POST", "/ask", json.dumps({"question": "😀🎉🔥"}).encode(), J, "200|4xx", False),
        ("question of zero-width spaces", "POST", "/ask", json.dumps({"question": "\u200b\u200b\ufeff"}).encode(), J,
         "4xx", False),
        ("question of whitespace", "POST", "/search", json.dumps({"query": " \t\n\u3000"}).encode(), J, "4xx", False),
        ("question a number", "POST", "/ask", b'{"question": 123}', J, "4xx", False),
        ("question a list", "POST", "/ask", json.dumps({"question": [Q]}).encode(), J, "4xx", False),
        ("question an object", "POST", "/search", json.dumps({"query": {"q": Q}}).encode(), J, "4xx", False),
        ("question missing", "POST", "/ask", b'{"k": 3}', J, "4xx", False),
        ("reports a string", "POST", "/ask", ask(reports="1"), J, "4xx", False),
        ("reports [true]", "POST", "/search", json.dumps({"query": Q, "reports": [True]}).encode(), J, "4xx", False),
        ("reports [1.0]", "POST", "/search", json.dumps({"query": Q, "reports": [1.0]}).encode(), J, "4xx", False),
        ("reports a report that is not there", "POST", "/ask", ask(reports=[99999]), J, "4xx", False),
        ("reports [-1]", "POST", "/search", json.dumps({"query": Q, "reports": [-1]}).encode(), J, "4xx", False),
        ("places a string", "POST", "/search", json.dumps({"query": Q, "places": "张掖"}).encode(), J, "4xx", False),
        ("places [\"\"]", "POST", "/ask", ask(places=[""]), J, "200|4xx", False),
        ("places a place not in any report", "POST", "/ask", ask(places=["火星"]), J, "200|4xx", False),
        ("mode BM25 (upper case)", "POST", "/search", json.dumps({"query": Q, "mode": "BM25"}).encode(), J, "4xx",
         False),
        ("history a string", "POST", "/ask", ask(history="上一题"), J, "4xx", False),
        ("history of 21 turns", "POST", "/ask", ask(history=[{"question": Q, "answer": "x"}] * 21), J, "4xx", False),
        ("history turn with an extra field", "POST", "/ask", ask(history=[{"question": Q, "answer": "x", "id": 1}]),
         J, "4xx", False),
        ("history answer 5,000 characters", "POST", "/ask", ask(history=[{"question": Q, "answer": "亩" * 5000}]), J,
         "4xx", False),
        ("body 2 MB with Content-Length", "POST", "/ask", json.dumps({"question": "张" * 700_000}).encode(), J, "4xx",
         False),
        ("body 3 MB chunked", "POST", "/ask", b'{"question": "' + b"a" * 3_000_000 + b'"}', J, "4xx", True),
        ("small chunked body", "POST", "/search", json.dumps({"query": Q, "k": 1}).encode(), J, "200", True),
        ("invalid UTF-8 in the body", "POST", "/ask", b'{"question": "\xff\xfe\xfa"}', J, "4xx", False),
        ("GET /ask", "GET", "/ask", None, {}, "4xx", False),
        ("PUT /search", "PUT", "/search", b"{}", J, "4xx", False),
        ("DELETE /reports", "DELETE", "/reports", None, {}, "4xx", False),
        ("OPTIONS /ask", "OPTIONS", "/ask", None, {}, "4xx", False),
        ("an unknown path", "GET", "/admin", None, {}, "4xx", False),
        ("a path of 8,000 characters", "GET", "/" + "a" * 8000, None, {}, "4xx", False),
        ("a path with ../", "GET", "/docs-assets/../../../../etc/passwd", None, {}, "4xx", False),
        ("a percent-encoded ../", "GET", "/docs-assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd", None, {}, "4xx", False),
        ("query string on POST", "POST", "/search?k=100&mode=dense", json.dumps({"query": Q, "k": 1}).encode(), J,
         "200", False),
        ("GET /health", "GET", "/health", None, {}, "200", False),
    ]
    return out


def judge(status: int, body: dict, expect: str) -> tuple[bool, str]:
    text = json.dumps(body, ensure_ascii=False)[:300]
    shaped = isinstance(body.get("error"), str) and isinstance(body.get("type"), str) and body["error"]
    problems = []
    if "Traceback" in text:
        problems.append("traceback in the body")
    if expect == "200" and status != 200:
        problems.append(f"status {status}")
    if expect == "4xx" and not 400 <= status < 500:
        problems.append(f"status {status}, not 4xx")
    if expect == "200|4xx" and not (status == 200 or 400 <= status < 500):
        problems.append(f"status {status}")
    if 400 <= status < 600 and not shaped:
        problems.append("not the service's error shape")
    return not problems, f"{status} {'; '.join(problems) or 'ok'}: {text}"


def cases(tmp: Path) -> list[Case]:
    port = free_port()
    server = start([], port)
    out = []
    try:
        status, health = wait_ready(port)
        out.append(Case(FAMILY, "http", "qa serve starts", f"qa serve --port {port}", "/health 200 within 120 s",
                        f"{status}", status == 200))
        for name, method, path, body, headers, expect, chunked in body_cases():
            try:
                status, answer, seconds = request(port, method, path, body, headers, chunked=chunked)
                passed, observed = judge(status, answer, expect)
            except (OSError, http.client.HTTPException) as exc:
                passed, observed, seconds = False, f"no answer: {type(exc).__name__}: {exc}", 0.0
            expected = {"4xx": SHAPE, "200": "200 with the answer", "200|4xx": "200, or " + SHAPE}[expect]
            size = f"{len(body):,} bytes" if body else "no body"
            out.append(Case(FAMILY, "http", name, f"{method} {path[:80]} ({size}{', chunked' if chunked else ''})",
                            expected, observed, passed, round(seconds, 3)))
        status, _, _ = request(port, "GET", "/health")
        out.append(Case(FAMILY, "http", "still healthy after all of the above", "GET /health", "200", str(status),
                        status == 200))
    finally:
        server.terminate()
        server.wait(10)
    return out + damaged_server(tmp)


def damaged_server(tmp: Path) -> list[Case]:
    """`qa serve --index COPY` with a damaged file: /health and /ask 503 naming the file, type IndexDamagedError."""
    from eval.hostile.index_damage import SOURCE, flip_byte

    folder = tmp / "damaged"
    shutil.copytree(SOURCE, folder)
    flip_byte(folder / "bm25" / "indices.csc.index.npy")
    port = free_port()
    server = start(["--index", str(folder)], port)
    out = []
    try:
        status, body = wait_ready(port)
        good = status == 503 and body.get("type") == "IndexDamagedError" and "indices.csc.index.npy" in body.get("file", "")
        out.append(Case(FAMILY, "http", "damaged bm25 file: /health", "qa serve --index COPY (a byte flipped in "
                        "bm25/indices…npy); GET /health", "503, type IndexDamagedError, file named",
                        f"{status} {json.dumps(body, ensure_ascii=False)[:300]}", good))
        try:
            status, body, _ = request(port, "POST", "/ask", json.dumps({"question": Q}).encode(), J)
        except OSError as exc:
            status, body = 0, {"_raw": f"no answer: {exc}"}
        good = status == 503 and body.get("type") == "IndexDamagedError"
        out.append(Case(FAMILY, "http", "damaged bm25 file: /ask", "POST /ask", "503, type IndexDamagedError",
                        f"{status} {json.dumps(body, ensure_ascii=False)[:300]}", good))
    finally:
        server.terminate()
        server.wait(10)
    return out
