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


def test_a_page_scanned_in_two_columns_is_read_column_by_column():
    """OCR boxes of a headline set across and two columns of four lines: each column's lines come out together
    (left, then right), not interleaved line by line across the gutter."""
    left = [((40, 280, 100 + 30 * i, 120 + 30 * i), f"左栏第{i}行的文字内容很长的一行") for i in range(4)]
    right = [((320, 560, 101 + 30 * i, 121 + 30 * i), f"右栏第{i}行的文字内容很长的一行") for i in range(4)]
    headline = [((150, 450, 40, 64), "两栏排版的扫描报告标题")]
    lines = rows(right + headline + left, page=0, page_width=600)
    assert [line.text[:5] for line in lines] == ["两栏排版的"] + [f"左栏第{i}行" for i in range(4)] + \
        [f"右栏第{i}行" for i in range(4)]
    assert [line.column for line in lines] == [0, 1, 1, 1, 1, 2, 2, 2, 2]
    one = rows(left, page=0, page_width=600)  # one column: no gutter, as before
    assert [line.column for line in one] == [0] * 4


LEFT = "2023年，泉州市共改造老旧小区127个，惠及居民3.2万户，新增停车位4100个，完成投资12.6亿元，群众满意度明显提升。"
RIGHT = "全市新建口袋公园18个、绿道42公里，城市绿化覆盖率提高到43.5%，人均公园绿地面积达到15平方米，生态环境持续改善。"


def _two_column_scan(path: Path, dpi: int = 150) -> Path:
    """A headline centred over two columns of 12 pt text, each column one indented paragraph."""
    from PIL import Image, ImageDraw, ImageFont

    from eval.ocr_bench import FONTS

    px, width = dpi / 72, int(8.27 * dpi)
    image = Image.new("L", (width, int(5 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    big, face = (ImageFont.truetype(FONTS["sans"], int(size * px)) for size in (18, 12))
    title = "两栏排版的城市更新报告"
    draw.text(((width - draw.textlength(title, font=big)) / 2, int(0.5 * dpi)), title, font=big, fill=0)
    margin, gutter = int(1.0 * dpi), int(0.4 * dpi)
    column = (width - 2 * margin - gutter) // 2
    per = int(column // (12 * px))
    for c, text in enumerate((LEFT, RIGHT)):
        text = "\u3000\u3000" + text
        for i in range(0, len(text), per):
            y = int(1.2 * dpi + (i // per) * 12 * px * 1.6)
            draw.text((margin + c * (column + gutter), y), text[i:i + per], font=face, fill=0)
    image.save(path)
    return path


@pytest.mark.ocr
def test_a_two_column_scan_reads_each_column_as_its_paragraph(scans: Path):
    from embeddings.loaders import read_text

    lines = read_text(_two_column_scan(scans / "columns.png")).split("\n")
    assert [line.strip("\u3000") for line in lines] == ["两栏排版的城市更新报告", LEFT, RIGHT]


def test_a_date_set_across_the_gutter_beside_a_ragged_left_column_still_finds_the_columns():
    """Boxes OCR found on a page a user made: the date line starts where the left column's longest line ends, so
    the widest strip crossed by the fewest lines reached into the left column; the columns must still be found."""
    boxes = [((418, 821, 160, 197), "漳州市城市更新工作报告"), ((532, 705, 240, 270), "2023年11月5日"),
             ((200, 532, 282, 309), "2023年，漳州市共改造老旧小"), ((700, 1042, 281, 309), "全市新建口袋公园18个、绿道4"),
             ((153, 511, 323, 348), "区86个，惠及居民2.1万户，新增"), ((651, 1024, 323, 348), "2公里，城市绿化覆盖率提高到43."),
             ((150, 489, 361, 389), "停车位2600个，完成投资8.4亿"), ((652, 1038, 362, 387), "5%，人均公园绿地面积达到15平方"),
             ((148, 188, 401, 431), "元。"), ((648, 688, 400, 431), "米。")]
    lines = rows(boxes, page=0, page_width=1240)
    assert [line.column for line in lines] == [0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
    assert "".join(line.text for line in lines if line.column == 2).startswith("全市新建口袋公园18个、绿道42公里")
