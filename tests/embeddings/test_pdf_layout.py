"""Centred headline, subtitle and date lines of a PDF load as the report's title, subtitle and date, whoever made
the PDF: positioned lines made here (always), and Chromium's print of an HTML page (where chromium is installed)."""
import shutil
import subprocess
from pathlib import Path

import pytest

from embeddings.ingest import load_collection
from embeddings.pdf import Line, paragraphs
from pdf_maker import PAGE_H, PAGE_W, SIZE, pdf_bytes

HEADLINE, SUBTITLE, DATE = "千年古城焕新颜", "泉州市2023年城市更新工作报告", "2023年12月28日"
PARAGRAPHS = ["全年改造老旧小区127个，惠及居民3.2万户，新增停车位4100个，完成投资12.6亿元，居民满意度达95%。",
              "市区新建口袋公园18个、绿道42公里，城市绿化覆盖率提高到43.5%，人均公园绿地面积达到15平方米。"]


def _centre(text: str, y: float) -> tuple[float, float, str]:
    return PAGE_W / 2 - len(text) * SIZE / 2, y, text


def _browser_like_page() -> list[tuple[float, float, str]]:
    """What a browser prints: a date-and-time above, the address and "1/1" below; headline and subtitle centred on
    the page, the date set right, a text block off the page's middle (left 60, 36 characters a line)."""
    page = [(24, PAGE_H - 20, "12/3/26, 9:00 PM"), _centre(HEADLINE, 740), _centre(SUBTITLE, 710),
            (PAGE_W - 60 - len(DATE) * SIZE, 692, DATE)]
    y = 660
    for text in PARAGRAPHS:
        first, rest = text[:34], text[34:]
        page += [(60 + 2 * SIZE, y, first), (60, y - 18, rest)]
        y -= 40
    return page + [(24, 20, "file:///tmp/report.html 1/1")]


def test_centred_title_lines_of_a_one_page_print(tmp_path: Path):
    path = tmp_path / "update.pdf"
    path.write_bytes(pdf_bytes([_browser_like_page()]))
    reports, passages = load_collection([path])
    report = reports[0]
    assert (report.title, report.subtitle, report.date, report.places) == (HEADLINE, SUBTITLE, DATE, ("泉州市",))
    assert "".join(p.text for p in passages) == "".join(PARAGRAPHS)
    assert not any("file://" in p.text or "PM" in p.text for p in passages)


def test_wrapped_headline_is_joined_and_letter_spacing_removed():
    big = [Line(0, "千年古城焕新颜——泉州市以城市更新推动高质量", 60, 540, 40, 64, 600),
           Line(0, "发展纪实", 252, 348, 68, 92, 600),
           Line(0, "泉 州 市 城 市 更 新 工 作 报 告", 200, 400, 100, 112, 600),
           Line(0, "全年改造老旧小区127个，惠及居民3.2万户，新增停车位4100个，完成投资", 84, 540, 130, 142, 600),
           Line(0, "12.6亿元。", 60, 120, 148, 160, 600)]
    assert paragraphs(big) == ["千年古城焕新颜——泉州市以城市更新推动高质量发展纪实", "泉州市城市更新工作报告",
                               "　　全年改造老旧小区127个，惠及居民3.2万户，新增停车位4100个，完成投资12.6亿元。"]


def test_a_line_set_right_is_not_continued():
    lines = [Line(0, "2023年12月28日", 480, 580, 100, 112, 612), Line(0, "一、老旧小区改造", 34, 178, 130, 142, 612),
             Line(0, "全年改造老旧小区127个，惠及居民3.2万户，新增停车位4100个，完成投资", 58, 567, 160, 172, 612)]
    assert paragraphs(lines)[:2] == ["　　2023年12月28日", "一、老旧小区改造"]


HTML = """<!doctype html><html><head><meta charset="utf-8"><title>{headline}</title><style>
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 12pt }} h1, .sub, .date {{ text-align: center }}
h1 {{ letter-spacing: 4pt }} p {{ text-indent: 2em; line-height: 1.6 }} @page {{ margin: 2.5cm 2.6cm 2.5cm 2.8cm }}
</style></head><body><h1>{headline}</h1><div class="sub">——{subtitle}</div><div class="date">{date}</div>
<h2>一、老旧小区改造</h2>{paragraphs}</body></html>"""


def _chinese_font() -> bool:
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    return bool(found and found.stdout.strip())


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None or not _chinese_font(),
                    reason="chromium or a Chinese font is not installed (make browser)")
def test_chromium_print_of_an_html_report(tmp_path: Path):
    html = tmp_path / "update.html"
    html.write_text(HTML.format(headline=HEADLINE, subtitle=SUBTITLE, date=DATE,
                                paragraphs="".join(f"<p>{p}</p>" for p in PARAGRAPHS)), encoding="utf-8")
    pdf = tmp_path / "update.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(html)],
                   check=True, capture_output=True, timeout=120)
    reports, passages = load_collection([pdf])
    report = reports[0]
    assert (report.title, report.subtitle, report.date, report.places) == (HEADLINE, SUBTITLE, DATE, ("泉州市",))
    assert [p.section for p in passages] == ["一、老旧小区改造"] * len(passages)
    assert "".join(p.text for p in passages) == "".join(PARAGRAPHS)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None or not _chinese_font(),
                    reason="chromium or a Chinese font is not installed (make browser)")
def test_chromium_print_with_its_default_fonts_keeps_a_titles_digits(tmp_path: Path):
    """No font named: Chromium sets the digits in a Latin font whose boxes sit lower than the Chinese ones; the
    title's year and the date stay in their lines."""
    html = tmp_path / "eco.html"
    html.write_text("<html><head><meta charset='utf-8'></head><body style='font-size:16px'>"
                    "<h1 style='text-align:center'>绿水青山就是金山银山</h1>"
                    "<h2 style='text-align:center'>丽水市2023年生态环境保护工作报告</h2>"
                    "<p style='text-align:right'>2024年2月6日</p>"
                    "<p style='text-indent:2em'>2023年，丽水市空气质量优良天数比例达到98.6%。</p></body></html>",
                    encoding="utf-8")
    pdf = tmp_path / "eco.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(html)],
                   check=True, capture_output=True, timeout=120)
    reports, passages = load_collection([pdf])
    assert (reports[0].title, reports[0].subtitle, reports[0].date) == (
        "绿水青山就是金山银山", "丽水市2023年生态环境保护工作报告", "2024年2月6日")
    assert [p.text for p in passages] == ["2023年，丽水市空气质量优良天数比例达到98.6%。"]


@pytest.mark.skipif(shutil.which("soffice") is None or not _chinese_font(),
                    reason="LibreOffice or a Chinese font is not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_pdf_of_a_word_report(tmp_path: Path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    for text, style in ((HEADLINE, "Title"), (SUBTITLE, "Normal"), (DATE, "Normal")):
        document.add_paragraph(text, style=style).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("一、老旧小区改造", level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(24)
    source = tmp_path / "update.docx"
    document.save(str(source))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    reports, passages = load_collection([tmp_path / "update.pdf"])
    report = reports[0]
    assert (report.title, report.subtitle, report.date, report.places) == (HEADLINE, SUBTITLE, DATE, ("泉州市",))
    assert [p.section for p in passages] == ["一、老旧小区改造"] * len(passages)
    assert "".join(p.text for p in passages) == "".join(PARAGRAPHS)


def test_a_short_report_whose_only_line_at_the_left_edge_is_a_last_line_keeps_its_centred_title(tmp_path: Path):
    from pdf_maker import layout

    body = ["丁县双拥工作综述", "（2023年10月8日）", "丁县投入资金1200万元建设国防教育基地，每年接待参观群众两万人次。",
            "丁县为驻地部队解决用地问题，划拨土地45亩。"]
    path = tmp_path / "ding.pdf"
    path.write_bytes(pdf_bytes(layout(body, centered=2)))
    reports, passages = load_collection([str(path)])
    assert (reports[0].subtitle, reports[0].date, reports[0].places) == ("丁县双拥工作综述", "2023年10月8日", ("丁县",))
    assert [p.text for p in passages][-1].endswith("划拨土地45亩。")
