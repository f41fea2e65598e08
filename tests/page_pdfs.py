"""PDFs for the page-view tests, made from known text: a two-page report with a centred title and a running
header, a browser-style print (centred headline and subtitle, the date set right, a print header and footer),
a ruled table between paragraphs, and a scan (rendered by eval.ocr_bench, read by OCR)."""
from __future__ import annotations

from pathlib import Path

from pdf_maker import LEFT, PAGE_H, PAGE_W, SIZE, layout, pdf_bytes
from table_data import DISTRICTS, HEADER, TOTAL

PLACES = ["鼓楼区", "台江区", "仓山区", "马尾区", "晋安区", "长乐区", "闽侯县", "连江县", "罗源县", "闽清县", "永泰县",
          "福清市"]


def report_paragraphs() -> list[str]:
    """Twelve body paragraphs, each a little different, long enough to wrap over two or three lines."""
    return [f"{place}全年改造老旧小区{12 + 7 * n}个，惠及居民{1.5 + n / 10:.1f}万户，新增停车位{900 + 37 * n}个，"
            f"完成投资{2.5 + n:.1f}亿元；新建口袋公园{3 + n}个、绿道{11 + 2 * n}公里，居民满意度达{90 + n % 7}%。"
            for n, place in enumerate(PLACES)]


def report_pdf(path: Path) -> Path:
    """Two pages: a centred headline and date, twelve paragraphs, a running header and page numbers."""
    body = ["福州市城市更新工作报告", "2023年12月28日", *report_paragraphs()]
    path.write_bytes(pdf_bytes(layout(body, header="福州市住房和城乡建设局", centered=2)))
    return path


def _centre(text: str, y: float) -> tuple[float, float, str]:
    return PAGE_W / 2 - len(text) * SIZE / 2, y, text


def browser_pdf(path: Path) -> Path:
    """A browser's print: its date-and-time header and address footer, a centred headline and subtitle, the
    date set right, a text block off the page's middle (left 60, 36 characters a line)."""
    page = [(24, PAGE_H - 20, "12/3/26, 9:00 PM"), _centre("千年古城焕新颜", 740),
            _centre("泉州市2023年城市更新工作报告", 710), (PAGE_W - 60 - 11 * SIZE, 692, "2023年12月28日")]
    y = 660
    for text in report_paragraphs()[:4]:
        text = text.replace(PLACES[0], "泉州市").replace(PLACES[1], "鲤城区").replace(PLACES[2], "丰泽区")
        rows = [text[:34]] + [text[i:i + 36] for i in range(34, len(text), 36)]
        page += [(60 + (2 * SIZE if n == 0 else 0), y - 18 * n, row) for n, row in enumerate(rows)]
        y -= 18 * len(rows) + 22
    path.write_bytes(pdf_bytes([page + [(24, 20, "file:///tmp/report.html 1/1")]]))
    return path


def ruled_table_page(title: str, lead: str, rows, widths, closing: str, *, subtitle: str = "") -> tuple[list, list]:
    """One page: a centred title (and subtitle), a lead-in paragraph, `rows` as a ruled table (22 pt rows,
    `widths` its columns) and a closing paragraph; returns (text items, rules) for pdf_maker.pdf_bytes."""
    height, top = 22, 690
    xs = [LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
    page = [_centre(title, 780)] + ([_centre(subtitle, 760)] if subtitle else []) + [(LEFT + 2 * SIZE, 730, lead)]
    for i, row in enumerate(rows):
        page += [(xs[j] + 6, top - i * height - 16, cell) for j, cell in enumerate(row)]
    bottom = top - len(rows) * height
    rules = [(xs[0], top - i * height, xs[-1], top - i * height) for i in range(len(rows) + 1)]
    rules += [(x, top, x, bottom) for x in xs]
    page.append((LEFT + 2 * SIZE, bottom - 30, closing))
    return page, rules


def table_pdf(path: Path) -> Path:
    """A centred title, a lead-in paragraph, a ruled table (a header row, five districts and a total), and a
    closing paragraph."""
    page, rules = ruled_table_page("绍兴市城市更新工作报告", "全年改造老旧小区55个。各区、县（市）改造完成情况见下表。",
                                   [HEADER, *DISTRICTS, TOTAL], [90, 110, 110, 110],
                                   "下一步，我市将继续推进老旧小区改造，让更多居民受益。", subtitle="2023年5月9日")
    path.write_bytes(pdf_bytes([page], rules=[rules]))
    return path


def scan_pdf(path: Path) -> Path:
    """The top of a scanned page at 150 dpi (slightly skewed, noisy): headline, subtitle, date, a paragraph."""
    from eval.ocr_bench import render_page

    body = report_paragraphs()[0]
    page, _ = render_page("千年古城焕新颜", "泉州市2023年城市更新工作报告", "2023年12月28日", [body], dpi=150,
                          skew=0.3, noise=8)
    page.crop((0, 0, page.width, int(page.height * 0.3))).save(path, "PDF", resolution=150)
    return path


MARKDOWN = """# 绍兴市城市更新工作报告

2023年5月9日

## 一、老旧小区改造

全年改造<b>老旧</b>小区55个，惠及居民9500户，完成投资4.0亿元，居民满意度达到96%以上。

柯桥区改造小区17个，受益居民3200户，新建停车位420个，加装电梯31部，群众获得感明显增强。

## 二、城市绿化

新建口袋公园18个、绿道42公里，城市绿化覆盖率提高到43.5%，人均公园绿地面积达到15平方米。
"""


def page_index(folder: Path):
    """An index (weightless encoder) of the three text PDFs and a Markdown report, loaded."""
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index, load_index

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d.md").write_text(MARKDOWN, encoding="utf-8")
    files = [report_pdf(folder / "a.pdf"), browser_pdf(folder / "b.pdf"), table_pdf(folder / "c.pdf"), folder / "d.md"]
    return load_index(build_index(files, folder / "index", HashingEncoder(64), reuse=False))
