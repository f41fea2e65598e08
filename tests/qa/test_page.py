"""The answer on its page: real PDFs made here (a two-page report with a centred title and a running header, a
browser-style print, a ruled table, a scan), indexed, and answers boxed character-exact, checked against the
characters pdfplumber finds under the boxes; the passage in its section for Markdown; changed files refused."""
import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from embeddings.errors import DocumentError, InputError, ReportNotFoundError, SourceChangedError
from embeddings.page_glyphs import fold
from embeddings.tables import is_row
from eval.page_placement import spans, under_boxes
from page_pdfs import page_index, report_pdf
from qa.page import page_view


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return page_index(tmp_path_factory.mktemp("pages"))


def _span(index, text: str):
    """(passage, start, end) of the first occurrence of text in a passage."""
    passage = next(p for p in index.passages if text in p.text)
    start = passage.text.index(text)
    return passage, start, start + len(text)


def test_fifty_answers_from_pdfs_are_boxed_exactly(index):
    asked = spans([p for p in index.passages if p.pages], per_passage=3)
    assert len(asked) >= 50 and sum(is_row(p.text) for p, _, _ in asked) >= 15
    wrong = []
    for passage, start, end in asked:
        view = page_view(index, passage.report, passage.start + start, passage.start + end, dpi=72)
        answer = fold(passage.text[start:end])
        if not (view.placed and "".join(b.text for b in view.boxes) == answer
                and under_boxes(Path(passage.source), view) == answer):
            wrong.append((passage.text[start:end], view.note))
    print(f"placed exactly: {len(asked) - len(wrong)}/{len(asked)}")
    assert wrong == []


def test_the_page_is_the_answers_and_the_image_is_small(index):
    passage = next(p for p in index.passages if p.pages == (1, 2))
    view = page_view(index, passage.report, passage.end - 4, passage.end - 1, dpi=72)
    assert view.page == 2 and view.pages == 2 and view.placed and view.png.startswith(b"\x89PNG")
    first = page_view(index, passage.report, passage.start, passage.start + 3, dpi=72)
    assert first.page == 1 and first.shaded and first.boxes[0].text == fold(passage.text[:3])
    assert page_view(index, passage.report, passage.start, passage.start + 3, page=2, dpi=72).placed is False


def test_a_cell_is_boxed_in_its_row_and_a_span_not_on_the_page_is_not_boxed(index):
    passage, start, end = _span(index, "｜合计｜")
    cell = passage.text.index("55个")  # also in the paragraph above the table: the row's is boxed
    view = page_view(index, passage.report, passage.start + cell, passage.start + cell + 3, dpi=72)
    above = page_view(index, passage.report, *[passage.start + i for i in (cell, cell + 3)], dpi=72)
    assert view.placed and view.boxes[0].top > 150 and above.boxes == view.boxes
    label = passage.text.index("改造小区：55个")  # the label and the value are not side by side on the page
    missed = page_view(index, passage.report, passage.start + label, passage.start + label + 8, dpi=72)
    assert not missed.placed and missed.boxes == () and missed.note


def test_markdown_shows_the_paragraph_in_its_section(index):
    passage, start, end = _span(index, "加装电梯31部")
    view = page_view(index, passage.report, passage.start + start, passage.start + end)
    assert (view.page, view.png, view.section, view.answer) == (0, b"", "一、老旧小区改造", "加装电梯31部")
    assert view.source == "d.md" and view.placed and view.boxes == ()
    assert "<b>老旧</b>" in view.before + view.text and "城市绿化" not in view.after


def test_unknown_report_bad_span_and_changed_file(index, tmp_path: Path):
    with pytest.raises(ReportNotFoundError, match="no report 99"):
        page_view(index, 99, 0, 2)
    with pytest.raises(InputError, match="highlight must be"):
        page_view(index, 1, 5, 2)
    with pytest.raises(InputError, match="dpi"):
        page_view(index, 1, 0, 2, dpi=5000)
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index, load_index

    small = load_index(build_index([report_pdf(tmp_path / "a.pdf")], tmp_path / "i", HashingEncoder(16)))
    (tmp_path / "a.pdf").write_bytes((tmp_path / "a.pdf").read_bytes() + b"\n% edited\n")
    with pytest.raises(SourceChangedError, match="changed after the index was built") as caught:
        page_view(small, 1, 0, 3)
    assert "请重建索引" in caught.value.zh
    (tmp_path / "a.pdf").unlink()
    with pytest.raises(SourceChangedError, match="moved or deleted"):
        page_view(small, 1, 0, 3)


def test_assistant_page_of_an_answer(index):
    from qa.assistant import Assistant
    from qa.types import Answer

    passage = next(p for p in index.passages if is_row(p.text) and "柯桥区" in p.text)
    start = passage.text.index("3200户")
    answer = Answer("3200户", 1.0, passage, start, start + 5)
    view = Assistant(SimpleNamespace(index=index), SimpleNamespace()).page(answer, dpi=72)
    assert view.placed and [b.text for b in view.boxes] == ["3200户"] and view.answer == "3200户"


@pytest.mark.ocr
def test_a_scanned_page_boxes_the_answer_from_its_ocr_lines(tmp_path: Path):
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR is not installed (pip install rapidocr-onnxruntime)")
    from eval.ocr_bench import FONTS

    if not Path(FONTS["sans"]).exists():
        pytest.skip("no Chinese font to render a page with (apt-get install fonts-noto-cjk)")
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index, load_index
    from page_pdfs import scan_pdf

    scan = load_index(build_index([scan_pdf(tmp_path / "scan.pdf")], tmp_path / "i", HashingEncoder(16)))
    passage = scan.passages[0]
    assert passage.pages == (1,) and passage.ocr_lines
    assert _boxed_in_their_lines(scan, passage, lambda view: 1.0) >= 4


WORDS = ("鼓楼区", "12个", "1.5万户", "900个", "2.5亿元", "居民满意度")


def _boxed_in_their_lines(index, passage, scale_of) -> int:
    """How many of WORDS in the passage are boxed exactly, inside the OCR line that holds them (`scale_of(view)`:
    the view's pixels per OCR-box unit)."""
    placed = 0
    for word in (w for w in WORDS if w in passage.text):
        start = passage.start + passage.text.index(word)
        view = page_view(index, passage.report, start, start + len(word), dpi=72)
        scale = scale_of(view)
        line = next(line for line in passage.ocr_lines if word in line[5].replace(" ", ""))
        inside = all(line[1] * scale - 1 <= b.x0 and b.x1 <= line[3] * scale + 1 for b in view.boxes)
        placed += view.placed and "".join(b.text for b in view.boxes) == word and inside
    return placed


@pytest.mark.ocr
def test_an_image_report_is_shown_with_the_answer_boxed_on_the_scan(tmp_path: Path):
    """A .png scan: its passages keep their OCR lines (pixels), and the page view draws the image itself, scaled to
    the asked dpi, with the answer boxed inside its OCR line; a frame that does not exist is refused."""
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR is not installed (pip install rapidocr-onnxruntime)")
    from eval.ocr_bench import FONTS, render_page
    from page_pdfs import report_paragraphs

    if not Path(FONTS["sans"]).exists():
        pytest.skip("no Chinese font to render a page with (apt-get install fonts-noto-cjk)")
    from PIL import Image

    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index, load_index

    page, _ = render_page("千年古城焕新颜", "泉州市2023年城市更新工作报告", "2023年12月28日", [report_paragraphs()[0]],
                          dpi=150, skew=0.3, noise=8)
    page.crop((0, 0, page.width, int(page.height * 0.3))).save(tmp_path / "scan.png")
    scan = load_index(build_index([tmp_path / "scan.png"], tmp_path / "i", HashingEncoder(16)))
    passage = scan.passages[0]
    assert passage.pages == (1,) and passage.ocr_lines and scan.reports[0].subtitle == "泉州市2023年城市更新工作报告"
    widths = set()

    def scale_of(view) -> float:  # 72 dpi: an A4 width of 595 px, from 1240 px at 150 dpi
        widths.add(Image.open(io.BytesIO(view.png)).width)
        return 595 / page.width

    assert _boxed_in_their_lines(scan, passage, scale_of) >= 4 and widths == {595}
    with pytest.raises(InputError, match="page must be 1 to 1"):
        page_view(scan, passage.report, page=2)


def test_an_image_indexed_without_its_ocr_lines_is_shown_with_a_note(tmp_path: Path):
    """An index built before image passages kept their OCR lines: the scan is shown, nothing boxed, and the note
    says to rebuild (no OCR needed: the view reads only the image and the passage)."""
    from PIL import Image

    from embeddings.types import Passage, Report
    from qa.page_image import NO_LINES, image_view

    buffer = io.BytesIO()
    Image.new("RGB", (2480, 400), "white").save(buffer, "PNG")
    report = Report(1, "标题", "", "", str(tmp_path / "scan.png"), "全年改造小区12个。")
    passage = Passage("p1", 1, "全年改造小区12个。", 0, 10)
    view = image_view(buffer.getvalue(), report, passage, (6, 9), page=None, dpi=100)
    shown = Image.open(io.BytesIO(view.png))
    assert (view.page, view.pages, view.placed, view.note, view.boxes) == (1, 1, False, NO_LINES, ())
    assert shown.width == round(2480 * 100 / 72 * 595 / 2480) and view.answer == "12个"
    with pytest.raises(DocumentError, match="as an image"):
        image_view(b"not a picture", report, passage, (6, 9), page=None, dpi=100)


def test_an_answer_over_a_page_break_is_boxed_on_its_first_page_and_named(index):
    """Two parts, one a page: each page boxes its part and says the answer goes on; the running footer and header
    between them are skipped, not boxed."""
    passage = next(p for p in index.passages if p.pages == (1, 2))
    for at in range(len(passage.text) - 4):  # every 4-character span of the passage
        start, end = passage.start + at, passage.start + at + 4
        view = page_view(index, passage.report, start, end, dpi=72)
        if view.note:
            break
    else:
        pytest.fail("no span of the passage runs over its page break")
    second = page_view(index, passage.report, start, end, page=2, dpi=72)
    assert view.page == 1 and view.placed and view.note == "答案跨页（第 1–2 页），这一页框出其中一部分"
    assert second.page == 2 and second.placed and second.note == view.note
    assert "".join(b.text for b in view.boxes + second.boxes) == fold(passage.text[at:at + 4])
