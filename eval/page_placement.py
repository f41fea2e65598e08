"""How many answers the page view places exactly on a browser-printed PDF (Chromium, from known HTML: a centred
headline, subtitle and date, paragraphs over several pages, a ruled and a borderless table).

Every cell of every table row and spans of every prose passage (seeded) are asked for; an answer counts as
placed when the view says so and the characters pdfplumber finds under its boxes, read again from the PDF, are
the answer's (whitespace aside). A span the view declines is counted with its reason.

    python -m eval.page_placement --out eval/reports/page_placement.json
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

PARAGRAPH = ("{place}全年改造老旧小区{a}个，惠及居民{b}万户，新增停车位{c}个，完成投资{d}亿元；新建口袋公园{e}个、"
             "绿道{f}公里，居民满意度达{g}%。")
PLACES = "鲤城区 丰泽区 洛江区 泉港区 石狮市 晋江市 南安市 惠安县 安溪县 永春县 德化县 金门县".split()
HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 12pt }} h1, .sub, .date {{ text-align: center }}
p {{ text-indent: 2em; line-height: 1.6 }} td, th {{ padding: 2px 8px }} .ruled {{ border-collapse: collapse }}
.ruled td, .ruled th {{ border: 1px solid #000 }}</style></head><body><h1>千年古城焕新颜</h1>
<div class="sub">——泉州市2023年城市更新工作报告</div><div class="date">2023年12月28日</div>
<h2>一、老旧小区改造</h2>{prose}<p>各县（市）完成情况见下表。</p>
<table class="ruled"><tr><th>县（市）</th><th>改造小区</th><th>受益居民</th><th>投资</th></tr>{ruled}</table>
<h2>二、城市绿化</h2>{more}<p>各区改造情况如下：</p>
<table><tr><th>区</th><th>口袋公园</th><th>绿道</th></tr>{loose}</table><p>以上为全部内容。</p></body></html>"""


def make_pdf(folder: Path) -> Path:
    """The report printed to PDF by headless Chromium."""
    prose = [PARAGRAPH.format(place=p, a=12 + 7 * n, b=f"{1.5 + n / 10:.1f}", c=900 + 37 * n, d=f"{2.5 + n:.1f}",
                              e=3 + n, f=11 + 2 * n, g=90 + n % 7) for n, p in enumerate(PLACES)]
    ruled = [(p, f"{5 + n}个", f"{800 + 90 * n}户", f"{0.4 + n / 10:.1f}亿元") for n, p in enumerate(PLACES[:6])]
    loose = [(p, f"{2 + n}个", f"{7 + n}公里") for n, p in enumerate(PLACES[6:])]

    def rows(table):
        return "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in table)

    html = folder / "report.html"
    html.write_text(HTML.format(prose="".join(f"<p>{t}</p>" for t in prose[:8]), ruled=rows(ruled),
                                more="".join(f"<p>{t}</p>" for t in prose[8:]), loose=rows(loose)), encoding="utf-8")
    pdf = folder / "report.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(html)],
                   check=True, capture_output=True, timeout=180)
    return pdf


def spans(passages, *, per_passage: int = 4, seed: int = 0) -> list[tuple]:
    """(passage, start, end): every cell of a table row, `per_passage` seeded spans of 2-8 characters of prose."""
    from embeddings.tables import is_row, row_cells

    rng = random.Random(seed)
    out = []
    for p in passages:
        if is_row(p.text):
            out += [(p, c.start, c.end) for c in row_cells(p.text)]
            continue
        for _ in range(per_passage):
            start = rng.randrange(0, max(len(p.text) - 8, 1))
            out.append((p, start, min(start + rng.randint(2, 8), len(p.text))))
    return out


def under_boxes(pdf_path: Path, view) -> str:
    """The characters pdfplumber finds under a view's answer boxes (their middles inside one), folded."""
    from embeddings.page_glyphs import fold

    scale = view.dpi / 72
    inside = [c for c in _chars(pdf_path, view.page)
              if any(b.x0 <= (c["x0"] + c["x1"]) / 2 * scale <= b.x1 and b.top <= (c["top"] + c["bottom"]) / 2 * scale
                     <= b.bottom for b in view.boxes)]
    inside.sort(key=lambda c: (round(c["top"]), c["x0"]))
    return fold("".join(c["text"] for c in inside))


@lru_cache(maxsize=16)
def _chars(pdf_path: Path, page: int) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(str(pdf_path)) as pdf:
        return list(pdf.pages[page - 1].chars)


def measure(pdf_path: Path, folder: Path) -> dict:
    """Index the PDF (a weightless encoder), ask the view for every span, check the characters under the boxes."""
    from embeddings.encoders import HashingEncoder
    from embeddings.index import build_index, load_index
    from embeddings.page_glyphs import fold
    from embeddings.tables import is_row
    from qa.page import page_view

    index = load_index(build_index([pdf_path], folder / "index", HashingEncoder(64), reuse=False))
    placed, asked, reasons = Counter(), Counter(), Counter()
    for passage, start, end in spans([p for p in index.passages if p.pages]):
        kind = "table cells" if is_row(passage.text) else "prose spans"
        asked[kind] += 1
        view = page_view(index, passage.report, passage.start + start, passage.start + end, dpi=72)
        if view.placed and under_boxes(pdf_path, view) == fold(passage.text[start:end]):
            placed[kind] += 1
        else:
            reasons[view.note or "boxes hold other characters"] += 1
    return {"asked": sum(asked.values()), "placed": sum(placed.values()), "by_kind": {k: f"{placed[k]}/{n}"
            for k, n in asked.items()}, "pages": len({n for p in index.passages for n in p.pages}), "not_placed": dict(reasons)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="write the result as JSON here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "Could not get FontBBox" for every character
    if shutil.which("chromium") is None:
        print("chromium is not installed (make browser)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(make_pdf(Path(tmp)), Path(tmp))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
