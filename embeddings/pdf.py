"""Read a PDF into paragraphs: lines broken by the page width rejoined, running headers, footers and page
numbers dropped.

pdfplumber gives each text line with its position. A line starts a new paragraph when it is indented, when the
line above stopped short of the right edge, or after a vertical gap; otherwise it continues the paragraph, also
across a page break. Lines in the top or bottom margin that repeat on other pages (digits aside), and page
numbers there ("3", "- 3 -", "第3页", "3/12"), are running headers and footers.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from embeddings.errors import DependencyMissingError, DocumentError

PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4}|of\s*\d{1,4})?[-—–\s]*$", re.I)
MARGIN = 0.1  # top and bottom tenth of a page: where running headers and footers sit
BODY_INDENT = "\u3000\u3000"


@dataclass(frozen=True)
class Line:
    """One text line of a page, with its position in points."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def read_pdf(path: Path) -> str:
    """The PDF's text, one paragraph a line; body paragraphs start with two ideographic spaces."""
    lines = [line for line in _lines(path) if line.text.strip()]
    return "\n".join(paragraphs(lines))


def _lines(path: Path) -> list[Line]:
    try:
        import pdfplumber
    except ImportError as exc:
        raise DependencyMissingError("reading .pdf needs pdfplumber: pip install pdfplumber") from exc
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(n, page.height, page.extract_text_lines()) for n, page in enumerate(pdf.pages)]
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise DocumentError(f"cannot read {path} as a PDF ({exc.__class__.__name__}): is it a real, unencrypted PDF?") from exc
    lines = [Line(n, row["text"], row["x0"], row["x1"], row["top"], row["bottom"]) for n, _, rows in pages for row in rows]
    heights = {n: height for n, height, _ in pages}
    return drop_running_lines(lines, heights)


def drop_running_lines(lines: list[Line], heights: dict[int, float]) -> list[Line]:
    """Lines without the running headers, footers and page numbers in the page margins."""
    def in_margin(line: Line) -> bool:
        height = heights[line.page]
        return line.bottom < height * MARGIN or line.top > height * (1 - MARGIN)

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip())

    repeats = Counter(key(line) for line in lines if in_margin(line))
    several_pages = len(heights) > 1
    return [line for line in lines if not (in_margin(line) and (
        PAGE_NUMBER.match(line.text) or (several_pages and repeats[key(line)] > 1)))]


def paragraphs(lines: list[Line]) -> list[str]:
    """Join lines into paragraphs; a paragraph whose first line is indented is marked as body text."""
    if not lines:
        return []
    char = median((line.x1 - line.x0) / max(len(line.text), 1) for line in lines)
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    spacing = median([b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top] or [0])
    out: list[list] = []  # [text, indented, last line]
    for line in lines:
        indented = line.x0 > left + char * 0.8
        previous = out[-1][2] if out else None
        if previous is None or indented or _ends_short(previous, right, char) or _gap(previous, line, spacing):
            out.append([line.text.strip(), indented and not _centred(line, left, right, char), line])
        else:
            out[-1][0] += line.text.strip()
            out[-1][2] = line
    return [(BODY_INDENT if indented else "") + text for text, indented, _ in out]


def _ends_short(line: Line, right: float, char: float) -> bool:
    return line.x1 < right - char * 1.5


def _gap(above: Line, line: Line, spacing: float) -> bool:
    return above.page == line.page and spacing > 0 and line.top - above.top > spacing * 1.8


def _centred(line: Line, left: float, right: float, char: float) -> bool:
    """A line set in the middle (a headline, a date), not an indented first line of a paragraph."""
    return abs((line.x0 - left) - (right - line.x1)) < char * 1.5 and line.x1 < right - char * 1.5
