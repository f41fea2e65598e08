"""A table value whose unit the table writer moved in from the column's header ("210公里" from "210" under
"新铺供水管网（公里）") is boxed on its page by its number, the unit named in the note."""
from pathlib import Path

from embeddings.encoders import HashingEncoder
from embeddings.index import build_index, load_index
from eval.page_placement import under_boxes
from page_pdfs import ruled_table_page
from pdf_maker import pdf_bytes
from qa.page import page_view
from ui.page import source_html

ROWS = [("县（市、区）", "新铺供水管网（公里）", "改造小区（个）"), ("湘阴县", "210", "17"), ("平江县", "96", "12"),
        ("汨罗市", "150", "9")]


def unit_table_pdf(path: Path) -> Path:
    page, rules = ruled_table_page("岳阳市城市更新工作报告", "全年新铺供水管网456公里。各县（市、区）完成情况见下表。",
                                   ROWS, [100, 140, 120], "下一步，我市将继续推进供水管网改造，让更多居民受益。")
    path.write_bytes(pdf_bytes([page], rules=[rules]))
    return path


def test_a_value_with_its_unit_in_the_header_is_boxed_by_its_number(tmp_path: Path):
    path = unit_table_pdf(tmp_path / "units.pdf")
    index = load_index(build_index([path], tmp_path / "idx", HashingEncoder(64)))
    passage = next(p for p in index.passages if "湘阴县" in p.text and "210公里" in p.text)
    start = passage.text.index("210公里")
    view = page_view(index, passage.report, passage.start + start, passage.start + start + 5, dpi=72)
    assert view.placed and [b.text for b in view.boxes] == ["210"] and under_boxes(path, view) == "210"
    assert "公里" in view.note and "公里" in source_html(view)
