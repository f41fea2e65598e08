"""Issue 22, "Why" 1 and 4, over HTTP: chunked bodies held to the limit, no bool taken as an int, one error shape
for every 4xx and 5xx, and a damaged index answered with 503 naming the file."""
import json

import anyio
import pytest
from fastapi.testclient import TestClient

from qa.interfaces.fake import FakeAssistant
from qa.interfaces.service import MAX_BODY_BYTES, create_app

FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"


@pytest.fixture
def client():
    return TestClient(create_app(FakeAssistant()), raise_server_exceptions=False)


def assert_shape(response, status: int, kind: str) -> dict:
    body = response.json()
    assert response.status_code == status, response.text
    assert set(body) >= {"error", "type"} and "detail" not in body and body["type"] == kind, body
    return body


def test_a_chunked_body_over_the_limit_is_413(client):
    chunk = json.dumps({"question": FIRST * 10}).encode()
    response = client.post("/ask", content=(chunk for _ in range(MAX_BODY_BYTES // len(chunk) + 10)),
                           headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers  # sent chunked
    assert "limit" in assert_shape(response, 413, "InputError")["error"]


def test_a_chunked_body_is_not_read_past_the_limit():
    """30 MB offered in 64 KB chunks: the answer comes after about 1 MB of them, the rest is never read."""
    app, read, sent = create_app(FakeAssistant()), [], []
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/ask", "raw_path": b"/ask", "root_path": "", "query_string": b"", "server": ("t", 80),
             "client": ("c", 1), "headers": [(b"content-type", b"application/json"),
                                            (b"transfer-encoding", b"chunked")]}

    async def receive():
        read.append(1)
        return {"type": "http.request", "body": b" " * 65536, "more_body": len(read) < 480}

    async def send(message):
        sent.append(message)

    anyio.run(app, scope, receive, send)
    assert sent[0]["status"] == 413 and len(read) <= MAX_BODY_BYTES // 65536 + 2


@pytest.mark.parametrize("path, payload, field", [
    ("/search", {"query": FIRST, "k": True}, "k"),
    ("/ask", {"question": FIRST, "k": True}, "k"),
    ("/ask", {"question": FIRST, "reports": [True]}, "reports.0"),
    ("/search", {"query": FIRST, "reports": [1, False]}, "reports.1"),
    ("/search", {"query": FIRST, "k": "3"}, "k"),
])
def test_no_bool_or_string_is_taken_as_an_int(client, path, payload, field):
    assert f"{field}:" in assert_shape(client.post(path, json=payload), 422, "InputError")["error"]


def test_a_body_that_is_not_utf8_gets_the_service_error_shape(client):
    response = client.post("/ask", content=b'{"question": "\xff\xfe\xe5\xbc"}', headers={"content-type": "application/json"})
    assert "not UTF-8" in assert_shape(response, 422, "InputError")["error"]


@pytest.mark.parametrize("method, path, content, status, kind", [
    ("GET", "/nowhere", None, 404, "NotFoundError"),
    ("GET", "/ask", None, 405, "MethodNotAllowedError"),
    ("POST", "/ask", "[" * 100_000 + "]" * 100_000, 400, "InputError"),
    ("POST", "/ask", '{"question": ', 422, "InputError"),
])
def test_every_4xx_has_the_one_error_shape(client, method, path, content, status, kind):
    response = client.request(method, path, content=content, headers={"content-type": "application/json"})
    assert_shape(response, status, kind)


def test_a_damaged_index_is_503_naming_the_file(mini_index, hashing_encoder):
    from qa.retrieval.retriever import Retriever

    (mini_index / "columns.npz").write_bytes(b"")

    def load():
        assistant = FakeAssistant()
        assistant.retriever = Retriever.load(mini_index, encoder=hashing_encoder)
        return assistant

    client = TestClient(create_app(load), raise_server_exceptions=False)
    for response in (client.get("/health"), client.post("/ask", json={"question": FIRST})):
        body = assert_shape(response, 503, "IndexDamagedError")
        assert body["file"] == str(mini_index / "columns.npz") and "qa index --out" in body["error"]
