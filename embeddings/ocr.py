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

from embeddings.errors import DocumentError
from embeddings.pdf_layout import Line, drop_running_lines, paragraphs

log = logging.getLogger(__name__)

RENDER_DPI = 200  # a scanned PDF page is rendered at this resolution (the detector works on at most 2000 px a side)
MIN_SCORE = 0.5  # recognition confidence below which a box is noise (a stamp, a smudge)
UNREADABLE = "扫描件无法识别文字"


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
    return RapidOCR(rec_batch_num=1)


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
    than the line's height reads as a space ("区县" and "小区" of a table row), a narrower one as none.

    [((0, 40, 0, 20), "泉州"), ((42, 82, 1, 21), "市区")] -> [Line(page, "泉州市区", 0, 82, 0, 21, page_width)]
    """
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
        out.append(Line(page, text, x0, x1, top, bottom, page_width))
    return out


def scanned_lines(pages: list, *, name: str) -> dict[int, list[Line]]:
    """OCR lines of PDF pages without a text layer (pdfplumber pages), by page number; a page where OCR reads
    nothing is named in the log."""
    found = {}
    for done, page in enumerate(pages, 1):
        started = time.perf_counter()
        image = page.to_image(resolution=RENDER_DPI).original
        found[page.page_number - 1] = [replace(line, ocr=True) for line in
                                       image_lines(image, page=page.page_number - 1, scale=RENDER_DPI / 72)]
        if not found[page.page_number - 1]:
            log.warning("%s, page %d: OCR read no text on this scanned page", name, page.page_number)
        log.info("%s: OCR of scanned page %d (%d/%d) in %.1fs", name, page.page_number, done, len(pages),
                 time.perf_counter() - started)
    return found


def read_image(path: Path) -> str:
    """An image file's text (every frame of a multi-page TIFF), one paragraph a line, as read_pdf gives it."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:  # RGB here: a 16-bit or palette TIFF frame that cannot be converted is a broken file, not a crash
        with Image.open(path) as image:
            frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DocumentError(f"cannot read {path} as an image ({exc.__class__.__name__}): is it a real picture file?",
                            zh="文件已损坏（不是完好的图片）") from exc
    lines = [line for n, frame in enumerate(frames) for line in image_lines(frame, page=n)]
    if not lines:
        raise DocumentError(f"OCR read no text in {path}: is it a legible scan of a report?", zh=UNREADABLE)
    heights = {n: float(frame.height) for n, frame in enumerate(frames)}
    return "\n".join(paragraphs(drop_running_lines(lines, heights)))
