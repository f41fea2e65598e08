"""A page set in two columns reads column by column (the left whole, then the right), a paragraph running from
the foot of the left column to the top of the right one whole; footnotes (small type at the page's foot, under a
rule or with a note mark) are passages of their own, out of the running paragraph. PDFs made here from known
text, the two columns' lines on the same baselines (where pdfplumber reads one line across both)."""
from pathlib import Path

import pytest

from embeddings.ingest import load_collection
from pdf_maker import PAGE_W, SIZE, pdf_bytes

HEADLINE, SUBTITLE, DATE = "千年古城焕新颜", "泉州市2023年城市更新工作报告", "2023年12月28日"
LEFT_X, RIGHT_X, COLUMN = 50, 317, 19  # 19 characters a column line: 50-278 and 317-545, a 39 pt gutter
PARAGRAPHS = [
    "全年改造老旧小区①127个，惠及居民3.2万户，新增停车位4100个，完成投资12.6亿元，居民满意度达到95%以上。",
    "鲤城区完成街巷整治36条，修缮历史建筑52处，中山路、西街片区的骑楼立面全部完成修缮，吸引游客同比增长三成，"
    "沿街商铺出租率提高到九成。",
    "湘阴县新铺供水管网210公里，改造雨污管网96公里，城区污水集中收集率达到78%，黑臭水体全部消除。",
]
NOTES = ["①老旧小区指2000年底前建成、失养失修、配套设施不全的城镇住宅小区。", "②数据来源：市住房和城乡建设局。"]


def _column_lines(paragraphs: list[str]) -> list[str | None]:
    """Column lines of the paragraphs, each first line indented two characters (the indent as None markers)."""
    out = []
    for text in paragraphs:
        first, rest = text[:COLUMN - 2], text[COLUMN - 2:]
        out.append("\u3000\u3000" + first)
        out.extend(rest[i:i + COLUMN] for i in range(0, len(rest), COLUMN))
    return out


def two_column_pdf(path: Path, *, rule: bool = True) -> Path:
    """A headline, subtitle and date across the page, three paragraphs in two columns (the second running from
    the left column into the right), two footnotes in 9 pt at the foot under a short rule (the first across the
    gutter, the second in the left column)."""
    page = [(PAGE_W / 2 - len(t) * SIZE / 2, y, t) for t, y in ((HEADLINE, 770), (SUBTITLE, 745), (DATE, 725))]
    lines = _column_lines(PARAGRAPHS)
    half = 6  # the left column's lines: the second paragraph breaks over to the right column
    for k, text in enumerate(lines):
        x, row = (LEFT_X, k) if k < half else (RIGHT_X, k - half)
        indent = 2 * SIZE if text.startswith("\u3000") else 0
        page.append((x + indent, 690 - row * 18, text.lstrip("\u3000")))
    page += [(LEFT_X, 110 - 13 * n, note, 9) for n, note in enumerate(NOTES)]
    rules = [[(LEFT_X, 124, LEFT_X + 150, 124)]] if rule else None
    path.write_bytes(pdf_bytes([page], rules=rules))
    return path


def test_two_columns_read_column_by_column(tmp_path: Path):
    reports, passages = load_collection([two_column_pdf(tmp_path / "columns.pdf")])
    report = reports[0]
    assert (report.title, report.subtitle, report.date) == (HEADLINE, SUBTITLE, DATE)
    assert [p.text for p in passages] == [*PARAGRAPHS, "\n".join(NOTES)]  # the short notes: one passage


def test_footnotes_with_a_mark_and_no_rule_are_kept_out_too(tmp_path: Path):
    _, passages = load_collection([two_column_pdf(tmp_path / "columns.pdf", rule=False)])
    assert [p.text for p in passages] == [*PARAGRAPHS, "\n".join(NOTES)]  # the short notes: one passage


def test_a_question_about_the_right_column_finds_its_paragraph(tmp_path: Path):
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    encoder = HashingEncoder(64)
    folder = build_index([two_column_pdf(tmp_path / "columns.pdf")], tmp_path / "idx", encoder)
    retriever = Retriever.load(folder, encoder=encoder, settings=Settings(quantize_queries=False))
    hit = retriever.search("湘阴县新铺了多少公里供水管网？", 1, mode="bm25")[0]
    assert hit.passage.text == PARAGRAPHS[2] and hit.passage.pages == (1,)


def test_answers_in_the_columns_are_boxed_on_the_page(tmp_path: Path):
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index, load_index
    from embeddings.page_glyphs import fold
    from eval.page_placement import spans, under_boxes
    from qa.page import page_view

    path = two_column_pdf(tmp_path / "columns.pdf")
    index = load_index(build_index([path], tmp_path / "idx", HashingEncoder(64)))
    passage = next(p for p in index.passages if p.text == PARAGRAPHS[2])
    start = passage.text.index("改造雨污管网")  # wraps from one line of the right column to the next
    asked = [(passage, start, start + 6), *spans([p for p in index.passages if p.pages], per_passage=3)]
    for passage, start, end in asked:
        view = page_view(index, passage.report, passage.start + start, passage.start + end, dpi=72)
        answer = fold(passage.text[start:end])
        assert view.placed and under_boxes(path, view) == answer, (answer, view.note)
    assert len(page_view(index, asked[0][0].report, asked[0][0].start + asked[0][1],
                         asked[0][0].start + asked[0][2], dpi=72).boxes) == 2  # one box a line


def test_a_footnote_under_a_paragraph_running_over_the_page_break_is_kept_out(tmp_path: Path):
    from pdf_maker import layout

    running = PARAGRAPHS[0] * 2  # four lines: the 36th and 37th of page 1, the first two of page 2
    pages = layout([HEADLINE, SUBTITLE, *[PARAGRAPHS[1]] * 11, running, PARAGRAPHS[2]], centered=2)
    pages[0] += [(72, 70, NOTES[1], 9)]  # 9 pt under a rule, above the page number
    path = tmp_path / "notes.pdf"
    path.write_bytes(pdf_bytes(pages, rules=[[(72, 84, 222, 84)]]))
    _, passages = load_collection([path])
    paragraphs = [text for p in passages for text in p.text.split("\n")]
    assert len(pages) == 2 and running in paragraphs and NOTES[1] in paragraphs  # each whole, apart
    assert paragraphs.index(NOTES[1]) == paragraphs.index(running) + 1 and paragraphs[-1] == PARAGRAPHS[2]
    assert [p.pages for p in passages if running in p.text] == [(1, 2)]
