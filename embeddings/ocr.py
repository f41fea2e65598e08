"""Text lines of scanned pages and image files by OCR, for the same paragraph assembly as text PDFs.

RapidOCR (`rapidocr-onnxruntime`, Apache-2.0) runs PP-OCRv4's Chinese text detection and recognition, whose ONNX
files ship inside its wheel, on ONNX Runtime on the CPU (its text-angle classifier is left off): nothing is
downloaded. The engine loads on the first page that needs it, never on import. Each detected text box becomes part
of a `Line` with its box, in points for a PDF page (rendered at RENDER_DPI) and in pixels for an image file, so
indents, gaps and running headers are read exactly as for a text layer.
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from embeddings.errors import DocumentError, QAError
from embeddings.pdf_layout import Line, drop_running_lines, paragraphs
from embeddings.reading import Reading

log = logging.getLogger(__name__)

RENDER_DPI = 200  # a scanned PDF page is rendered at this resolution (text is detected on at most DET_MAX_SIDE px)
MIN_SCORE = 0.5  # recognition confidence below which a box is noise (a stamp, a smudge)
UNREADABLE = "扫描件无法识别文字"
# text detection runs on the page scaled to at most this many pixels a side (RapidOCR's default is 2000; A4 at 1280
# is about 109 px an inch, 12 pt text about 18 px high); recognition still reads each line cut from the full image.
# 1500 was chosen on corpus pages 0-1 and held out on pages 2-7 (3.04/2.66 against 3.86/3.19 s a page, CER
# 0.70/0.64% against 0.75/0.64%); then 1280 on pages 0-1 (2.26 against 2.70 s, CER 0.57 against 0.58%), held out
# on pages 8-10: 1.83 against 2.01 s, CER 0.50% against 0.63% (docs/results.md, "OCR of scans")
DET_MAX_SIDE = 1280


@lru_cache(maxsize=1)
def engine():
    """The OCR engine, loaded once (about half a second); DocumentError naming the package when it is missing."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # the package, or a library under it (OpenCV needs libGL.so.1: apt-get install libgl1)
        raise DocumentError(f"reading scans and images needs OCR: pip install rapidocr-onnxruntime==1.4.4 ({exc})",
                            zh=f"{UNREADABLE}（未安装 OCR 组件：pip install rapidocr-onnxruntime）") from exc
    # one line a recognition batch: lines of a batch are padded to the widest, and on these 2 cores batches of 6
    # (the default) took 12-17 s a page against 9-10 s for single lines (measured alternately on one page)
    return RapidOCR(rec_batch_num=1, max_side_len=DET_MAX_SIDE)


def image_lines(image, *, page: int, scale: float = 1.0) -> list[Line]:
    """The text lines OCR finds on one page image; boxes divided by `scale` (pixels per point for a PDF page)."""
    import numpy as np

    # no text-angle classifier: on upright pages it turned whole lines (one thick with “” quotes) by 180°, reading
    # nothing, and it costs time; a report scanned upside down is turned before it is scanned again
    found, _ = engine()(np.asarray(image.convert("RGB")), use_cls=False)
    boxes = [(_bounds(box, scale), text.strip()) for box, text, score in found or []
             if float(score) >= MIN_SCORE and text.strip()]
    return rows(boxes, page=page, page_width=image.width / scale)


def _bounds(box, scale: float) -> tuple[float, float, float, float]:
    xs, ys = [p[0] / scale for p in box], [p[1] / scale for p in box]
    return min(xs), max(xs), min(ys), max(ys)


def rows(boxes: list[tuple[tuple[float, float, float, float], str]], *, page: int, page_width: float) -> list[Line]:
    """Boxes ((x0, x1, top, bottom), text) on one text line joined left to right, lines top to bottom; a gap wider
    than the line's height reads as a space ("区县" and "小区" of a table row), a narrower one as none. A page
    scanned in two columns (a gutter found as for a text page, embeddings.pdf_columns.find_gutter) is read as
    a text page is: between lines set across, the left column whole, then the right one (`column` 1 and 2).

    [((0, 40, 0, 20), "泉州"), ((42, 82, 1, 21), "市区")] -> [Line(page, "泉州市区", 0, 82, 0, 21, page_width)]
    """
    gutter = _gutter(boxes, page_width)
    if gutter is None:
        return _join(boxes, page=page, page_width=page_width)
    g0, g1 = gutter
    split = (g0 + g1) / 2
    across = [b for b in boxes if b[0][0] < g1 and b[0][1] > g0]
    sides = [b for b in boxes if not (b[0][0] < g1 and b[0][1] > g0)]
    out: list[Line] = []
    top = float("-inf")
    for line in [*_join(across, page=page, page_width=page_width), None]:
        end = line.top if line else float("inf")
        for column in (1, 2):
            inside = [b for b in sides if ((b[0][0] + b[0][1]) / 2 < split) == (column == 1)
                      and top <= (b[0][2] + b[0][3]) / 2 < end]
            out += _join(inside, page=page, page_width=page_width, column=column)
        if line:
            out.append(line)
            top = max(top, line.bottom)
    return out


def _gutter(boxes: list, page_width: float) -> tuple[float, float] | None:
    """find_gutter over OCR boxes: each box a row, its width shared out evenly among its characters."""
    from embeddings.pdf_columns import find_gutter

    fake = []
    for (x0, x1, _, _), text in boxes:
        chars = [c for c in text if c.strip()] or [" "]
        step = (x1 - x0) / len(chars)
        fake.append({"chars": [{"x0": x0 + i * step, "x1": x0 + (i + 1) * step, "text": c} for i, c in enumerate(chars)]})
    right = page_width or max((b[0][1] for b in boxes), default=0.0)
    return find_gutter(fake, 0.0, right) if boxes else None


def _join(boxes: list, *, page: int, page_width: float, column: int = 0) -> list[Line]:
    """Boxes on one text line joined left to right, the lines top to bottom."""
    lines: list[list] = []  # [x0, x1, top, bottom, [(x0, x1, text), ...]]
    for (x0, x1, top, bottom), text in sorted(boxes, key=lambda b: (b[0][2] + b[0][3]) / 2):
        middle = (top + bottom) / 2
        row = next((r for r in lines if r[2] <= middle <= r[3]), None)
        if row is None:
            lines.append([x0, x1, top, bottom, [(x0, x1, text)]])
        else:
            row[0], row[1], row[2], row[3] = min(row[0], x0), max(row[1], x1), min(row[2], top), max(row[3], bottom)
            row[4].append((x0, x1, text))
    out = []
    for x0, x1, top, bottom, parts in sorted(lines, key=lambda r: r[2]):
        parts.sort()
        text = parts[0][2]
        for (_, end, _), (start, _, part) in zip(parts, parts[1:]):
            text += (" " if start - end > bottom - top else "") + part
        out.append(Line(page, text, x0, x1, top, bottom, page_width, column=column))
    return out


def scanned_lines(pages: list, *, name: str, reading: Reading | None = None) -> dict[int, list[Line]]:
    """OCR lines of PDF pages without a text layer (pdfplumber pages), by page number (from 0). One log line and
    one step of a progress bar (tqdm: on the terminal with `reading.progress`, and in the upload panel, which
    tracks tqdm) a page; a page OCR reads nothing on, or fails on, is added to `reading.unread` and left out."""
    reading = reading or Reading()
    found = {}
    for done, page in enumerate(tqdm_pages(pages, name=Path(name).name, progress=reading.progress), 1):
        started, number = time.perf_counter(), page.page_number
        found[number - 1] = _page_lines(page, name=name, reading=reading)
        log.info("%s: OCR of scanned page %d (%d/%d) in %.1fs, %d lines", name, number, done, len(pages),
                 time.perf_counter() - started, len(found[number - 1]))
    return found


def _page_lines(page, *, name: str, reading: Reading) -> list[Line]:
    """One scanned page's OCR lines; [] with the page in `reading.unread` when OCR reads nothing or fails."""
    number = page.page_number
    try:
        image = page.to_image(resolution=RENDER_DPI).original
        lines = [replace(line, ocr=True) for line in image_lines(image, page=number - 1, scale=RENDER_DPI / 72)]
    except QAError:  # the OCR package missing: every page would fail, the file is skipped with the fix
        raise
    except Exception as exc:  # noqa: BLE001 - a page the renderer or OCR cannot take must not lose the others
        log.warning("%s, page %d: OCR failed (%s: %s); the page is left out", name, number,
                    exc.__class__.__name__, str(exc)[:120])
        reading.unread.append((number, f"OCR failed on this scanned page ({exc.__class__.__name__})"))
        return []
    if not lines:
        log.warning("%s, page %d: OCR read no text on this scanned page; the page is left out", name, number)
        reading.unread.append((number, "OCR read no text on this scanned page"))
    return lines


def read_image(path: Path, *, reading: Reading | None = None) -> str:
    """An image file's text (every frame of a multi-page TIFF), one paragraph a line, as read_pdf gives it; a
    frame OCR reads nothing on, in a file where others are read, is added to `reading.unread`."""
    return read_image_lines(path, reading=reading)[0]


def read_image_lines(path: Path, *, reading: Reading | None = None) -> tuple[str, list[Line]]:
    """read_image's text and the OCR lines it was assembled from (boxes in the image's pixels, `ocr` set, page
    = frame from 0): what the page view boxes an answer with, as for a scanned PDF page."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    reading = reading or Reading()
    try:  # RGB here: a 16-bit or palette TIFF frame that cannot be converted is a broken file, not a crash
        with Image.open(path) as image:
            frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DocumentError(f"cannot read {path} as an image ({exc.__class__.__name__}): is it a real picture file?",
                            zh="文件已损坏（不是完好的图片）") from exc
    bar = tqdm_pages(frames, name=path.name, progress=reading.progress)
    found = {n: image_lines(frame, page=n) for n, frame in enumerate(bar)}
    lines = [line for n in sorted(found) for line in found[n]]
    if not lines:
        raise DocumentError(f"OCR read no text in {path}: is it a legible scan of a report?", zh=UNREADABLE)
    for n in sorted(n for n, got in found.items() if not got):
        log.warning("%s, page %d: OCR read no text on this page of the image; the page is left out", path, n + 1)
        reading.unread.append((n + 1, "OCR read no text on this page of the image"))
    heights = {n: float(frame.height) for n, frame in enumerate(frames)}
    kept = drop_running_lines(lines, heights)
    return "\n".join(paragraphs(kept)), [replace(line, ocr=True) for line in kept]


def tqdm_pages(pages: list, *, name: str, progress: bool):
    """pages under a progress bar "OCR name" counted in 页 (shown when `progress`; the upload panel tracks it)."""
    from tqdm.auto import tqdm

    return tqdm(pages, desc=f"OCR {name}", unit="页", disable=not progress)
