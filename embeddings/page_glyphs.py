"""The characters of PDF pages with their boxes: what a passage's text is aligned with to find its pages (at
ingestion) and its answer's characters on the page (the page view, embeddings.page_align).

Each character is folded as ingestion normalises text (embeddings.normalize), whitespace dropped, so that the
page's "⼯" meets the passage's "工". A text page's characters come from pdfplumber, in the lines it reads them
in (the lines ingestion read); a scanned page's from its OCR lines, each line's box shared out among its
characters by their width (a Chinese character a full em, a Latin letter or digit half of one).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from embeddings.normalize import VARIANTS, normalize_text
from embeddings.pdf_layout import Line

_VARIANTS = str.maketrans(VARIANTS)

# an OCR line kept in a passage (embeddings.types.Passage.ocr_lines): page (from 1), x0, top, x1, bottom, text
OcrLine = tuple[int, float, float, float, float, str]


@dataclass(frozen=True)
class Glyph:
    """One folded character on a page: its page (from 1), box in points from the top left, and line number
    (glyphs of one line share it; it changes where a line ends)."""

    page: int
    char: str
    x0: float
    top: float
    x1: float
    bottom: float
    line: int


def fold(text: str) -> str:
    """Text as alignment compares it: normalised like ingestion, variants mapped, whitespace dropped.

    "⼯ 作\u3000⽇" -> "工作日", "１２３" -> "123"
    """
    return "".join(ch for ch in normalize_text(text).translate(_VARIANTS) if not ch.isspace())


def folded(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset in `text` it came from.

    "a ㎡" -> ("am2", [0, 2, 2])
    """
    chars, origin = [], []
    for i, ch in enumerate(text):
        for f in fold(ch):
            chars.append(f)
            origin.append(i)
    return "".join(chars), origin


def pdf_page_glyphs(page, number: int, *, first_line: int = 0) -> list[Glyph]:
    """The glyphs of a pdfplumber page (number from 1), line by line as ingestion read its text lines (a page set
    in two columns column by column, embeddings.pdf_columns)."""
    from embeddings.pdf_columns import text_lines

    out: list[Glyph] = []
    for n, (row, _) in enumerate(text_lines(page), first_line):
        for c in row["chars"]:
            out.extend(Glyph(number, f, c["x0"], c["top"], c["x1"], c["bottom"], n) for f in fold(c["text"]))
    return out


def ocr_glyphs(lines: Iterable[OcrLine], *, first_line: int = 0) -> list[Glyph]:
    """The glyphs of OCR lines, each line's width shared out among its characters by their width."""
    out: list[Glyph] = []
    for n, (page, x0, top, x1, bottom, text) in enumerate(lines, first_line):
        weights = [_width(ch) for ch in text]
        unit = (x1 - x0) / (sum(weights) or 1)
        at = x0
        for ch, weight in zip(text, weights):
            out.extend(Glyph(page, f, at, top, at + weight * unit, bottom, n) for f in fold(ch))
            at += weight * unit
    return out


def _width(ch: str) -> float:
    """A character's width in ems: "中" -> 1.0, "1" -> 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def line_glyphs(lines: Sequence[Line]) -> list[Glyph]:
    """The glyphs of ingestion's page lines, each with its line's box (enough to tell the pages and lines a
    passage was read from); a table's stand-in line gives its cells' text, on the table's page and in its box."""
    out: list[Glyph] = []
    for n, line in enumerate(lines):
        table = getattr(line, "table", None)
        if table is not None:
            text = "".join(cell or "" for row in table.rows for cell in row)
            x0, top, x1, bottom = table.box
            page = table.page
        else:
            text, x0, top, x1, bottom, page = line.text, line.x0, line.top, line.x1, line.bottom, line.page
        out.extend(Glyph(page + 1, f, x0, top, x1, bottom, n) for f in fold(text))
    return out
