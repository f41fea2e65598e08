"""The source list under the chat, in a real headless Chromium: a click on a cited answer shows its PDF page as an
image with the answer in the panel beside it, a cited table row as a small table, and a .txt source's paragraph
with the answer marked and the document's markup shown as text. A built index (weightless encoder) and a reader
that cuts known answers by their offsets keep it fast and sure."""
from __future__ import annotations

import os

import pytest

from page_pdfs import report_pdf, table_pdf
from test_browser import WAIT_MS, ask, browser, free_port, last_reply  # noqa: F401  (browser: a fixture)

pytestmark = pytest.mark.browser

TXT = ("厦门市城市更新工作报告\n2023年6月1日\n一、老旧小区改造\n"
       "　　思明区全年改造<b>老旧</b>小区23个，惠及居民8600户，完成投资3.2亿元。\n　　湖里区新建口袋公园9个。\n")
ANSWERS = {"鼓楼区": "12个", "柯桥区": "17个", "思明区": "23个"}  # the place a question names -> its answer


class KnownAnswerReader:
    """Answers the ANSWERS entry of the place a question names, cut from the first hit holding both; any other
    question (the example questions the app tries at start-up) gets no answer."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        from qa.reading.reader import ReadResult
        from qa.types import Answer

        out = []
        for question, hits in zip(questions, passages):
            place = next((p for p in ANSWERS if p in question), None)
            texts = [h.passage.text for h in hits] if place else []
            found = next((h for h, t in zip(hits, texts) if place in t and ANSWERS[place] in t[t.index(place):]), None)
            if found is None:
                out.append(ReadResult((), -5.0))
                continue
            text = found.passage.text
            start = text.index(ANSWERS[place], text.index(place))
            answer = Answer(ANSWERS[place], 9.0, found.passage, start, start + len(ANSWERS[place]), reader_score=5.0)
            out.append(ReadResult((answer,), 5.0))
        return out


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index
    from qa.assistant import Assistant
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings
    from ui.app import build_app, launch

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    work = tmp_path_factory.mktemp("sources")
    (work / "厦门.txt").write_text(TXT, encoding="utf-8")
    files = [report_pdf(work / "福州.pdf"), table_pdf(work / "绍兴.pdf"), work / "厦门.txt"]
    encoder = HashingEncoder(128)
    folder = build_index(files, work / "index", encoder)
    settings = Settings(index_dir=str(folder), cache_dir=str(work / "cache"), quantize_queries=False,
                        no_answer_threshold=0.0)
    assistant = Assistant(Retriever.load(folder, encoder=encoder, settings=settings), KnownAnswerReader(),
                          settings=settings)
    port = free_port()
    app = launch(build_app(assistant), port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def _open_source(page, question: str, n: int, label: str) -> None:
    """Ask, wait for the n-th reply, then click its first source (its label starts with `label`)."""
    ask(page, question)
    last_reply(page, n).locator("details.qa-source[open] mark").first.wait_for()
    page.locator("#qa-sources").get_by_text(label).click()


def _page_image_loaded(page) -> bool:
    return page.evaluate("""() => { const img = document.querySelector('#qa-page-image img');
        return !!img && img.getAttribute('src') !== '' && img.complete && img.naturalWidth > 0
               && img.naturalHeight > 0; }""")


def test_a_clicked_source_shows_its_page_its_table_row_or_its_escaped_paragraph(browser, url):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(WAIT_MS)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url)
        page.locator("#qa-question textarea").wait_for()
        assert not page.locator("#qa-page-image").is_visible()  # no empty image box before a source is chosen
        panel = page.locator("#qa-page-text")

        _open_source(page, "鼓楼区全年改造老旧小区多少个？", 1, "来源 1：12个")
        panel.locator("mark").first.wait_for()
        page.wait_for_function("""() => { const img = document.querySelector('#qa-page-image img');
            return !!img && img.complete && img.naturalWidth > 0; }""")
        assert _page_image_loaded(page) and page.locator("#qa-page-image img").get_attribute("src")
        assert page.locator("#qa-page-image").is_visible()
        assert panel.locator("mark").first.inner_text() == "12个"
        assert "福州.pdf · 第 1/2 页" in panel.inner_text() and "红框为答案" in panel.inner_text()

        _open_source(page, "柯桥区改造小区多少个？", 2, "来源 1：17个")
        panel.locator(".qa-row-table .qa-cell-hit mark").wait_for()
        assert panel.locator(".qa-row-table .qa-cell-hit mark").inner_text() == "17个"
        assert panel.locator(".qa-row-table th[scope=row]").inner_text() == "柯桥区"

        _open_source(page, "思明区全年改造老旧小区多少个？", 3, "来源 1：23个")
        panel.get_by_text("厦门.txt").wait_for()
        assert panel.locator(".qa-paragraph mark").inner_text() == "23个"
        assert "思明区全年改造<b>老旧</b>小区23个" in panel.locator(".qa-paragraph").inner_text()
        assert panel.locator(".qa-paragraph b").count() == 0  # the document's <b> is text, not markup
        assert not page.locator("#qa-page-image").is_visible()  # a .txt has no page: no stale or empty image box
        assert not errors and page.locator(".toast-body").count() == 0
    finally:
        page.close()
