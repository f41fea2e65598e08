"""The chat's citation-to-page handler as plain functions: a cited answer's choices, its page image (PDF) or
its paragraph in its section (Markdown) with every document text escaped, and problems said in Chinese."""
from types import SimpleNamespace

import pytest

from page_pdfs import page_index
from qa.types import Answer, Response
from ui.page import citation_choices, show_source


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return SimpleNamespace(retriever=SimpleNamespace(index=page_index(tmp_path_factory.mktemp("ui-pages"))))


def _answer(assistant, text: str, suffix: str) -> Answer:
    passage = next(p for p in assistant.retriever.index.passages if text in p.text and p.source.endswith(suffix))
    start = passage.text.index(text)
    return Answer(text, 1.0, passage, start, start + len(text))


def test_a_citation_opens_its_pdf_page(assistant):
    answer = _answer(assistant, "17个", ".pdf")
    choices = citation_choices(Response("柯桥区改造了几个小区？", (answer,), ()))
    assert len(choices) == 1 and choices[0][0].startswith("来源 1：17个") and "第1页" in choices[0][0]
    image, html = show_source(assistant, choices[0][1])
    assert image is not None and image.size[0] > 500  # the page at 100 dpi
    assert "c.pdf · 第 1/1 页" in html and "红框为答案" in html and "<mark>17个</mark>" in html


def test_a_markdown_citation_shows_its_section_escaped(assistant):
    answer = _answer(assistant, "加装电梯31部", ".md")
    image, html = show_source(assistant, citation_choices(Response("q", (answer,), ()))[0][1])
    assert image is None and "一、老旧小区改造" in html and "<mark>加装电梯31部</mark>" in html
    assert "&lt;b&gt;老旧&lt;/b&gt;" in html and "<b>老旧</b>" not in html


def test_problems_are_said_in_chinese(assistant):
    assert show_source(assistant, None) == (None, "")
    assert "来源编号" in show_source(assistant, "x<y")[1] and "x&lt;y" in show_source(assistant, "x<y")[1]
    image, html = show_source(assistant, "99:0:2")
    assert image is None and "索引中没有第 99 篇报告" in html and "Traceback" not in html


def test_a_cited_table_row_is_shown_as_a_table_with_its_cell_highlighted(assistant):
    answer = _answer(assistant, "17个", ".pdf")
    assert answer.cell is not None
    _, html = show_source(assistant, citation_choices(Response("q", (answer,), ()))[0][1])
    assert "qa-row-table" in html and f"<th scope=\"row\">{answer.cell.row}</th>" in html
    assert f"<th>{answer.cell.column}</th>" in html and '<td class="qa-cell-hit"><mark>17个</mark></td>' in html


def test_a_not_found_offers_its_closest_passages_on_their_page(assistant):
    from qa.types import Hit

    passage = next(p for p in assistant.retriever.index.passages if p.source.endswith(".pdf"))
    choices = citation_choices(Response("q", (), (Hit(passage, 0.5, 1),)))
    assert len(choices) == 1 and choices[0][0].startswith("最接近的段落 1：") and "第1页" in choices[0][0]
    image, _ = show_source(assistant, choices[0][1])
    assert image is not None


def test_an_answer_from_a_reports_header_shows_the_header():
    from embeddings.types import Report
    from qa.report_header import header_answer

    report = Report(4, "鱼水情深", "芜湖市双拥工作综述", "2023年7月31日", "wuhu<1>.txt", "正文。", ("芜湖市",))
    helper = SimpleNamespace(reports=lambda: {4: report})
    answer = header_answer(report, "date")
    (label, key), = citation_choices(Response("芜湖那篇综述是哪天写的？", (answer,), ()))
    assert label.startswith("来源 1：2023年7月31日") and key == f"4:h{answer.start}:{answer.end}"
    image, html = show_source(helper, key)
    assert image is None and "<mark>2023年7月31日</mark>" in html and "wuhu&lt;1&gt;.txt" in html
    assert "无法显示原文" in show_source(helper, "9:h0:3")[1]  # no report 9: said, never raised
