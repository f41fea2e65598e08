"""Uploading documents in the chat, in a real headless Chromium, with the shipped reader answering: a .docx
and a .pdf the test makes are added from the page, asked about, and answered with their citation."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pdf_maker import layout, pdf_bytes
from test_browser import WAIT_MS, ask, browser, free_port, last_reply  # noqa: F401  (browser: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.real_models]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    from conftest import MINI_COMPILATION
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index
    from qa.assistant import Assistant
    from qa.reading.reader import Reader
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings
    from ui.app import build_app, launch

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    work = tmp_path_factory.mktemp("upload")
    (work / "mini.txt").write_text(MINI_COMPILATION, encoding="utf-8")
    encoder = HashingEncoder(128)
    folder = build_index([work / "mini.txt"], work / "index", encoder)
    settings = Settings(index_dir=str(folder), cache_dir=str(work / "cache"), quantize_queries=False)
    assistant = Assistant(Retriever.load(folder, encoder=encoder, settings=settings),
                          Reader(str(ROOT / "models" / "reader")), settings=settings)
    port = free_port()
    app = launch(build_app(assistant), port=port, block=False)
    yield f"http://127.0.0.1:{port}/", work
    app.close()


def _docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("军民同心筑长城", level=1)
    document.add_paragraph("丙区双拥工作综述")
    document.add_paragraph("（2023年9月1日）")
    document.add_paragraph("　　丙区坚持把双拥工作摆上重要位置，为驻地部队新建营房3栋，安置退役军人就业216人。")
    document.add_paragraph("　　丙区开展拥军优属慰问活动80余次。")
    document.save(path)
    return path


def _pdf(path: Path) -> Path:
    body = ["丁县双拥工作综述", "（2023年10月8日）",
            "丁县投入资金1200万元建设国防教育基地，每年接待参观群众两万人次。",
            "丁县为驻地部队解决用地问题，划拨土地45亩。"]
    path.write_bytes(pdf_bytes(layout(body, centered=2)))
    return path


def _choose(page, path: Path) -> None:
    """Put a file in the upload box and wait for its name there: Gradio sends it to the server first, which a
    loaded machine can take past WAIT_MS over (seen once in a full run), so the file is chosen again once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(2):
        page.locator("#qa-upload input[type=file]").set_input_files(str(path))
        try:
            page.locator("#qa-upload").get_by_text(path.name).first.wait_for(timeout=3 * WAIT_MS)
            return
        except PlaywrightTimeout:
            if attempt:
                raise


def _upload(page, path: Path) -> str:
    page.get_by_text("管理文档").click()
    _choose(page, path)
    page.locator("#qa-add").click()
    status = page.locator("#qa-library-status")
    status.get_by_text("已添加").wait_for(timeout=60_000)
    return status.inner_text()


@pytest.mark.parametrize("make, question, answer, subtitle", [
    (_docx, "丙区为驻地部队新建了多少栋营房？", "3栋", "丙区双拥工作综述"),
    (_pdf, "丁县投入多少资金建设国防教育基地？", "1200万元", "丁县双拥工作综述"),
])
def test_upload_then_ask_about_it(browser, url, make, question, answer, subtitle):  # noqa: F811
    address, work = url
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    page.set_default_timeout(WAIT_MS)
    try:
        page.goto(address)
        page.locator("#qa-question textarea").wait_for()
        suffix = ".docx" if make is _docx else ".pdf"
        status = _upload(page, make(work / f"{subtitle}{suffix}"))
        assert "新报告编号" in status
        ask(page, question)
        reply = last_reply(page, 1)
        reply.locator("details.qa-source[open] mark").first.wait_for()
        assert reply.locator("details.qa-source[open] mark").first.inner_text() == answer
        assert subtitle in reply.locator("details.qa-source summary").first.inner_text()
        page.locator("#qa-reports").click()  # the new report is offered in the report filter at once
        assert page.get_by_role("option", name=subtitle).count() >= 1 or page.get_by_text(subtitle).count() >= 1
    finally:
        page.close()


def test_a_bad_upload_says_why_and_changes_nothing(browser, url):  # noqa: F811
    address, work = url
    before = (work / "index" / "manifest.json").read_text()
    bad = work / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    page = browser.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        page.goto(address)
        page.get_by_text("管理文档").click()
        _choose(page, bad)
        page.locator("#qa-add").click()
        page.locator("#qa-library-status").get_by_text("没有添加任何文件").wait_for(timeout=60_000)
        assert "坏文件.pdf" in page.locator("#qa-library-status").inner_text()
    finally:
        page.close()
    assert (work / "index" / "manifest.json").read_text() == before
