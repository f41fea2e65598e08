"""OCR benchmark: character error rate and seconds per page on pages rendered from known report text.

Pages are A4, set like a report (a centred headline, subtitle and date, indented paragraphs in 12 pt), rendered
with two of Debian's fonts (fonts-noto-cjk: Noto Sans CJK SC and Noto Serif CJK SC), slightly skewed and noisy,
at 300 and 150 dpi. The text is the shipped corpus's. CER is the edit distance between the known text and what
OCR reads (both normalised as ingestion does, whitespace removed), over the known text's length.

    python -m eval.ocr_bench --pages 4 --out eval/reports/ocr.json
    python -m eval.ocr_bench --pages 3 --first 2 --vs-det-side 2000   # A B A B against another detection size

With --vs-det-side, each page is read by the shipped engine and by one detecting on at most that many pixels a
side, in turn (which goes first alternates), and both are reported; --first skips the corpus's first pages (those
a setting was chosen on).
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

FONTS = {"sans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"}
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "shuangyong_2023.txt"
A4 = (8.27, 11.69)  # inches
MARGIN, SIZE, LEADING = 1.0, 12, 1.6  # inch; points; line height over type size


def render_page(headline: str, subtitle: str, date: str, body: list[str], *, dpi: int, font: str = "sans",
                skew: float = 0.0, noise: float = 0.0, seed: int = 0):
    """A scanned-looking page (greyscale PIL image) and the text lines set on it, top to bottom.

    Headline (18 pt), subtitle and date centred; paragraphs indented two characters, broken at the line width
    (the rest of a paragraph that does not fit is left out). `skew` turns the page by that many degrees; `noise`
    is the standard deviation of grey noise (0-255) with as many dark specks per million pixels.
    """
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 72
    width, height = int(A4[0] * dpi), int(A4[1] * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    left, right, y = int(MARGIN * dpi), width - int(MARGIN * dpi), int(MARGIN * dpi)
    lines = []
    for text, size in ((headline, 18), (subtitle, SIZE), (date, SIZE)):
        face = ImageFont.truetype(FONTS[font], int(size * px))
        draw.text(((width - draw.textlength(text, font=face)) / 2, y), text, font=face, fill=0)
        lines.append(text)
        y += int(size * px * LEADING) + (int(SIZE * px) if text is headline else 0)
    face = ImageFont.truetype(FONTS[font], int(SIZE * px))
    per_line = int((right - left) // (SIZE * px))
    for paragraph in body:
        rest = range(per_line - 2, len(paragraph), per_line)
        rows = [paragraph[:per_line - 2]] + [paragraph[i:i + per_line] for i in rest]
        for n, row in enumerate(rows):
            if y + SIZE * px * LEADING > height - MARGIN * dpi:
                return _scanned(page, skew, noise, seed), lines
            draw.text((left + (2 * SIZE * px if n == 0 else 0), y), row, font=face, fill=0)
            lines.append(row)
            y += int(SIZE * px * LEADING)
    return _scanned(page, skew, noise, seed), lines


def _scanned(page, skew: float, noise: float, seed: int):
    import numpy as np
    from PIL import Image

    if skew:
        page = page.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if noise:
        rng = np.random.default_rng(seed)
        pixels = np.asarray(page, dtype=np.float32) + rng.normal(0, noise, (page.height, page.width))
        specks = rng.random((page.height, page.width)) < noise / 1e6 * 10
        pixels[specks] = 0
        page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return page


def cer(truth: str, got: str) -> float:
    """Character error rate: edit distance over the truth's length, both normalised, whitespace removed.

    cer("泉州市", "泉州币") -> 0.333…
    """
    from embeddings.normalize import normalize_text

    a, b = ("".join(normalize_text(t).split()) for t in (truth, got))
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(len(a), 1)


def corpus_pages(n: int) -> list[tuple[str, str, str, list[str]]]:
    """n pages of text from the shipped corpus: a report's headline, subtitle and date, then its paragraphs."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    pages = []
    for i, line in enumerate(lines):
        if line.startswith("（") and line.endswith("日）") and i >= 2:
            body = [p.strip() for p in lines[i + 1:i + 40] if p.startswith("　　")][:12]
            pages.append((lines[i - 2].strip(), lines[i - 1].strip(), line.strip("（）"), body))
        if len(pages) == n:
            break
    return pages


def run(pages: int, dpis: list[int]) -> list[dict]:
    from embeddings.ocr import engine, image_lines

    started = time.perf_counter()
    engine()
    rows = [{"what": "engine load", "seconds": round(time.perf_counter() - started, 2)}]
    for dpi in dpis:
        for font in FONTS:
            for n, (headline, subtitle, date, body) in enumerate(corpus_pages(pages)):
                image, truth = render_page(headline, subtitle, date, body, dpi=dpi, font=font, skew=0.6, noise=12,
                                           seed=n)
                started, cpu = time.perf_counter(), time.process_time()
                got = image_lines(image, page=0)
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                rows.append({"dpi": dpi, "font": font, "page": n, "chars": len("".join(truth)),
                             "cer": round(cer("".join(truth), "".join(line.text for line in got)), 4),
                             "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                             "load": round(os.getloadavg()[0], 1)})
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def compare(pages: int, dpis: list[int], side: int, first: int = 0) -> dict:
    """The shipped engine (A) against one detecting on at most `side` px (B), page by page in turn."""
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    from embeddings.ocr import DET_MAX_SIDE, engine

    engines = {f"A_{DET_MAX_SIDE}px": engine(), f"B_{side}px": RapidOCR(rec_batch_num=1, max_side_len=side)}
    found = {name: {"seconds": [], "detect": [], "errors": 0.0, "chars": 0} for name in engines}
    n = 0
    for dpi in dpis:
        for font in FONTS:
            for i, (headline, subtitle, date, body) in enumerate(corpus_pages(first + pages)[first:]):
                image, truth = render_page(headline, subtitle, date, body, dpi=dpi, font=font, skew=0.6, noise=12,
                                           seed=10 + i)
                pixels, text = np.asarray(image.convert("RGB")), "".join(truth)
                for name in (list(engines) if n % 2 == 0 else list(engines)[::-1]):
                    started = time.perf_counter()
                    boxes, elapsed = engines[name](pixels, use_cls=False)
                    found[name]["seconds"].append(time.perf_counter() - started)
                    found[name]["detect"].append(float(elapsed[0]))
                    got = "".join(t for _, t, score in boxes or [] if float(score) >= 0.5)
                    found[name]["errors"] += cer(text, got) * len(text)
                    found[name]["chars"] += len(text)
                n += 1
    return {name: {"pages": len(f["seconds"]), "cer": round(f["errors"] / f["chars"], 4),
                   "mean_seconds": round(float(np.mean(f["seconds"])), 2),
                   "median_seconds": round(float(np.median(f["seconds"])), 2),
                   "detect_seconds": round(float(np.mean(f["detect"])), 2)} for name, f in found.items()}


def summary(rows: list[dict]) -> dict:
    """CER (over all characters), mean wall and CPU seconds a page (CPU over both cores: the wall time of an
    otherwise idle 2-core machine is about half of it or more), by dpi."""
    out = {}
    for dpi in sorted({r["dpi"] for r in rows if "dpi" in r}):
        mine = [r for r in rows if r.get("dpi") == dpi]
        chars = sum(r["chars"] for r in mine)
        out[str(dpi)] = {"pages": len(mine), "cer": round(sum(r["cer"] * r["chars"] for r in mine) / chars, 4),
                         "seconds_per_page": round(sum(r["seconds"] for r in mine) / len(mine), 2),
                         "cpu_seconds_per_page": round(sum(r["cpu_seconds"] for r in mine) / len(mine), 2),
                         "load_average": round(sum(r["load"] for r in mine) / len(mine), 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.ocr_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4, help="pages per font and resolution (default 4)")
    parser.add_argument("--dpi", type=int, nargs="+", default=[300, 150])
    parser.add_argument("--out", help="write the rows and the summary here as JSON")
    parser.add_argument("--vs-det-side", type=int, metavar="PX", help="compare with detection on at most PX a side")
    parser.add_argument("--first", type=int, default=0, help="skip this many corpus pages (default 0)")
    args = parser.parse_args(argv)
    if args.vs_det_side:
        print(json.dumps(compare(args.pages, args.dpi, args.vs_det_side, args.first), indent=2))
        return 0
    rows = run(args.pages, args.dpi)
    result = {"summary": summary(rows), "rows": rows}
    print(json.dumps(result["summary"], ensure_ascii=False, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
