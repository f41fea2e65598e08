"""Scans are read by OCR: a scanned PDF and an image file load like a text PDF (headline, subtitle, date,
paragraphs); a scan OCR cannot read is skipped and named. One small rendered page keeps this to a few seconds."""
from pathlib import Path

import pytest

from embeddings.ocr import rows
from embeddings.pdf import Line

HEADLINE, SUBTITLE, DATE = "千年古城焕新颜", "泉州市2023年城市更新工作报告", "2023年12月28日"
BODY = "2023年，泉州市共改造老旧小区127个，惠及居民3.2万户，新增停车位4100个，完成投资12.6亿元。"


def test_boxes_on_one_line_are_joined_left_to_right():
    boxes = [((42, 82, 1, 21), "市区"), ((0, 40, 0, 20), "泉州"), ((120, 160, 0, 20), "31"), ((0, 80, 30, 50), "下一行")]
    assert rows(boxes, page=2, page_width=600) == [Line(2, "泉州市区 31", 0, 160, 0, 21, 600),
                                                   Line(2, "下一行", 0, 80, 30, 50, 600)]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR is not installed (pip install rapidocr-onnxruntime)")
    from PIL import Image

    from eval.ocr_bench import FONTS, render_page

    if not Path(FONTS["sans"]).exists():
        pytest.skip("no Chinese font to render a page with (apt-get install fonts-noto-cjk)")
    folder = tmp_path_factory.mktemp("scans")
    page, _ = render_page(HEADLINE, SUBTITLE, DATE, [BODY], dpi=150, skew=0.5, noise=10)
    page.crop((0, 0, page.width, int(page.height * 0.3))).save(folder / "scan.pdf", "PDF", resolution=150)
    line, _ = render_page("", SUBTITLE, "", [], dpi=150)
    line.crop((0, 220, line.width, 275)).save(folder / "line.png")
    Image.new("L", (600, 400), 255).save(folder / "blank.tif")
    return folder


@pytest.mark.ocr
def test_a_scanned_pdf_loads_like_a_text_pdf_and_a_blank_scan_is_skipped(scans: Path):
    from embeddings.ingest import read_collection

    collection = read_collection([scans / "scan.pdf", scans / "blank.tif"])
    report = collection.reports[0]
    assert (report.title, report.subtitle, report.date, report.places) == (HEADLINE, SUBTITLE, DATE, ("泉州市",))
    assert [p.text for p in collection.passages] == [BODY]
    assert [(Path(s.path).name, s.zh) for s in collection.skipped] == [("blank.tif", "扫描件无法识别文字")]


@pytest.mark.ocr
def test_an_image_file_is_read(scans: Path):
    from embeddings.loaders import read_text

    assert read_text(scans / "line.png") == SUBTITLE
