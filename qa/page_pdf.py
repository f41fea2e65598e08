"""A PDF report's page view (qa.page): the passage's pages read with pdfplumber (text pages) or from its OCR lines
(scanned pages), the answer placed on them (embeddings.page_align), the page drawn (embeddings.page_render)."""
from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass

from embeddings.errors import DependencyMissingError, DocumentError, InputError
from embeddings.page_align import Placement, place, runs
from embeddings.page_glyphs import Glyph, ocr_glyphs, pdf_page_glyphs
from embeddings.page_render import render_page
from embeddings.types import Passage, Report
from qa.page_types import MAX_PAGES, Box, PageView

Run = tuple[int, float, float, float, float, str]
CACHED_PAGES = 64


def pdf_view(data: bytes, report: Report, passage: Passage | None, span: tuple[int, int], *, page: int | None,
             dpi: int) -> PageView:
    """The view of a PDF report's page: `page`, else the one the answer (or the passage) is on."""
    placement, glyphs, count = _placed(data, passage, span, page)
    on = on_page(placement, glyphs, passage, page)
    png = render_page(data, on.page, dpi=dpi, boxes=[r[1:5] for r in on.answer], shade=[r[1:5] for r in on.shade])
    return view_of(report, passage, span, on, count, png, scale=dpi / 72, dpi=dpi)


@dataclass(frozen=True)
class OnPage:
    """What one page shows of a placed answer: the page, the answer's and the passage's boxes on it (page, x0,
    top, x1, bottom, text, in the glyphs' units), and the note (Chinese) when not all of the answer is boxed."""

    page: int
    answer: list
    shade: list
    note: str


def on_page(placement: Placement | None, glyphs: list[Glyph], passage: Passage | None, page: int | None,
            *, unplaced: str = "") -> OnPage:
    """The page to show (`page`, else the answer's, else the passage's first) and what is boxed there; the note
    is `unplaced` when there is a passage but nothing to place it among (no glyphs)."""
    answer = runs(placement.answer, glyphs) if placement else []
    shaded = runs(placement.passage, glyphs) if placement else []
    shown = page or (answer[0][0] if answer else (passage.pages[0] if passage and passage.pages else 1))
    here = [r for r in answer if r[0] == shown]
    if passage is None:
        note = ""
    elif placement is None:
        note = unplaced
    elif here and placement.unit:  # the value boxed, its unit in the column's header
        note = f"单位“{placement.unit}”写在表头中，红框为数值"
    else:
        note = note_for(placement, answer, here)
    return OnPage(shown, here, [r for r in shaded if r[0] == shown], note)


def view_of(report: Report, passage: Passage | None, span: tuple[int, int], on: OnPage, count: int, png: bytes,
            *, scale: float, dpi: int) -> PageView:
    """The PageView of a drawn page; `scale`: image pixels per glyph unit."""
    text, section = (passage.text, passage.section) if passage else ("", "")
    # placed: the whole answer on this page, or this page's part of an answer over a page break
    return PageView(report.number, _name(report), on.page, count, png, boxes_at(on.answer, scale),
                    boxes_at(on.shade, scale), section, text, *span, placed=bool(on.answer), note=on.note, dpi=dpi)


def _placed(data: bytes, passage: Passage | None, span: tuple[int, int],
            page: int | None) -> tuple[Placement | None, list[Glyph], int]:
    """The answer's placement among the glyphs of the passage's pages, those glyphs, and the page count."""
    pages = _PdfPages(data)
    count = pages.count()
    if page is not None and not 1 <= page <= count:
        raise InputError(f"page must be 1 to {count} for this report, got {page}",
                         zh=f"页码应在 1 到 {count} 之间，收到 {page}")
    if passage is None:
        return None, [], count
    numbers = [n for n in passage.pages if 1 <= n <= count] or list(range(1, min(count, MAX_PAGES) + 1))
    glyphs: list[Glyph] = []
    for n in numbers:
        found = pages.glyphs(n)
        scanned = [line for line in passage.ocr_lines if line[0] == n]
        glyphs.extend(found if found or not scanned else ocr_glyphs(scanned))
    return place(passage.text, *span, glyphs), glyphs, count


class _PdfPages:
    """A PDF's page count and each text page's glyphs, read with pdfplumber on first use and kept by the file's
    sha256 (reading a page takes about a second): a second answer on the same page is placed at once."""

    cache: OrderedDict = OrderedDict()  # (sha256, page) -> glyphs; (sha256, 0) -> [page count]

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.digest = hashlib.sha256(data).hexdigest()

    def count(self) -> int:
        return self._get(0)[0]

    def glyphs(self, number: int) -> list[Glyph]:
        return self._get(number)

    def _get(self, number: int) -> list:
        key = (self.digest, number)
        if key not in self.cache:
            self.cache[key] = self._read(number)
            while len(self.cache) > CACHED_PAGES:
                self.cache.popitem(last=False)
        self.cache.move_to_end(key)
        return self.cache[key]

    def _read(self, number: int) -> list:
        try:
            import pdfplumber
        except ImportError as exc:
            raise DependencyMissingError("showing a PDF page needs pdfplumber: pip install pdfplumber") from exc
        try:
            with pdfplumber.open(io.BytesIO(self.data)) as pdf:
                return [len(pdf.pages)] if number == 0 else pdf_page_glyphs(pdf.pages[number - 1], number)
        except Exception as exc:  # pdfminer raises many unrelated types for damaged files
            raise DocumentError(f"cannot read the PDF ({exc.__class__.__name__}): is it a real, unencrypted PDF?",
                                zh="文件已损坏（不是完好的 PDF）") from exc


def boxes_at(found: list[Run], scale: float) -> tuple[Box, ...]:
    """Boxes (page, x0, top, x1, bottom, text) as Box in image pixels, `scale` pixels a glyph unit."""
    return tuple(Box(round(x0 * scale, 1), round(top * scale, 1), round(x1 * scale, 1), round(bottom * scale, 1), text)
                 for _, x0, top, x1, bottom, text in found)


def _name(report: Report) -> str:
    from pathlib import Path

    return Path(report.source).name


def note_for(placement, answer: list, here: list) -> str:
    """Why the answer is not boxed on the shown page, or that only a part of it is; "" when it is all there."""
    if not answer:
        return placement.reason
    if not here:
        return f"答案在第 {answer[0][0]} 页"
    return _across(answer) if len(here) < len(answer) else ""


def _across(answer: list) -> str:
    """The note for an answer that runs over a page break: which pages, and that this one shows only a part.

    >>> _across([(3, 0, 0, 1, 1, "12"), (4, 0, 0, 1, 1, "个")])
    '答案跨页（第 3–4 页），这一页框出其中一部分'
    """
    pages = sorted({r[0] for r in answer})
    return f"答案跨页（第 {pages[0]}–{pages[-1]} 页），这一页框出其中一部分"
