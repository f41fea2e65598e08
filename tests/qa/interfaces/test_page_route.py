"""GET /page through FastAPI's TestClient over a real index of PDFs made here: a PNG with the answer boxed,
errors in the service's {"error", "type"} shape (unknown report 404, changed file 409, bad values 422)."""
import json
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from page_pdfs import page_index
from qa.interfaces.service import create_app


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    index = page_index(folder)
    assistant = SimpleNamespace(ask=lambda *a, **k: None, retriever=SimpleNamespace(index=index))
    return TestClient(create_app(assistant), raise_server_exceptions=False), index, folder


def _cell(index, text: str, *, pdf: bool = True) -> tuple[int, int, int]:
    passage = next(p for p in index.passages if text in p.text and bool(p.pages) == pdf)
    start = passage.start + passage.text.index(text)
    return passage.report, start, start + len(text)


def test_page_is_a_png_with_the_answer_boxed(served):
    client, index, _ = served
    report, start, end = _cell(index, "1.2亿元")
    response = client.get("/page", params={"report": report, "highlight": f"{start}:{end}", "dpi": 72})
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG") and response.headers["x-answer-placed"] == "true"
    assert [b["text"] for b in json.loads(response.headers["x-answer-boxes"])] == ["1.2亿元"]
    assert response.headers["x-page"] == "1"
    whole = client.get("/page", params={"report": report, "page": 1, "dpi": 72})
    assert whole.status_code == 200 and json.loads(whole.headers["x-answer-boxes"]) == []


@pytest.mark.parametrize("params, status, kind", [
    ({"report": 99, "highlight": "0:2"}, 404, "ReportNotFoundError"),
    ({"report": 1, "highlight": "2-5"}, 422, "InputError"),
    ({"report": 1, "highlight": "9:2"}, 422, "InputError"),
    ({"report": 1, "page": 7}, 422, "InputError"),
    ({"report": 1, "highlight": "0:2", "dpi": 9999}, 422, "InputError"),
    ({"highlight": "0:2"}, 422, "InputError"),
])
def test_bad_requests_get_the_error_shape(served, params, status, kind):
    response = served[0].get("/page", params=params)
    assert response.status_code == status and response.json()["type"] == kind and response.json()["error"]


def test_a_markdown_report_has_no_page_image(served):
    client, index, _ = served
    report, start, end = _cell(index, "加装电梯31部", pdf=False)
    response = client.get("/page", params={"report": report, "highlight": f"{start}:{end}"})
    assert response.status_code == 422 and "not a PDF" in response.json()["error"]


def test_a_changed_file_is_refused(served):
    client, index, folder = served
    report, start, end = _cell(index, "鲤城区")
    source = folder / "b.pdf"
    data = source.read_bytes()
    try:
        source.write_bytes(data + b"\n% edited\n")
        response = client.get("/page", params={"report": report, "highlight": f"{start}:{end}"})
    finally:
        source.write_bytes(data)
    assert response.status_code == 409 and response.json()["type"] == "SourceChangedError"
    assert "rebuild the index" in response.json()["error"] and "请重建索引" in response.json()["error"]
