"""Read a PDF into paragraphs: lines broken by the page width rejoined, running headers, footers and page
numbers dropped.

pdfplumber gives each text line with its position. A line starts a new paragraph when it is indented, when the
line above stopped short of the right edge, or after a vertical gap; otherwise it continues the paragraph, also
across a page break. Lines in the top or bottom margin that repeat on other pages (digits aside), and page
numbers there ("3", "- 3 -", "第3页", "3/12"), are running headers and footers, and so are a browser's print
header and footer (a date and time, the page's address), on a one-page PDF too. A page without a text layer
that holds an image (a scan) is read by OCR (embeddings.ocr), its lines with their boxes assembled the same way.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from embeddings.errors import DependencyMissingError, DocumentError, QAError

PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4}|of\s*\d{1,4})?[-—–\s]*$", re.I)
# what a browser prints above and below each page: "12/3/26, 9:00 PM  标题", "2023/12/28 10:05", "file:///a.html 1/2"
PRINT_STAMP = re.compile(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,\s]+\d{1,2}:\d{2}|^\s*(?:file|https?)://", re.I)
MARGIN = 0.1  # top and bottom tenth of a page: where running headers and footers sit
BODY_INDENT = "\u3000\u3000"
LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff])+$")


@dataclass(frozen=True)
class Line:
    """One text line of a page, with its position in points."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page_width: float = 0.0  # 0 when unknown: centred lines are then found from the text block alone


def read_pdf(path: Path) -> str:
    """The PDF's text, one paragraph a line; body paragraphs start with two ideographic spaces."""
    from embeddings.pdf_tables import put_back  # a table's rows go back where its stand-in line is

    lines = [line for line in _lines(path) if line.text.strip()]
    return "\n".join(put_back(paragraphs(lines), lines))


def _lines(path: Path) -> list[Line]:
    try:
        import pdfplumber
    except ImportError as exc:
        raise DependencyMissingError("reading .pdf needs pdfplumber: pip install pdfplumber") from exc
    from embeddings.pdf_tables import page_tables, with_tables  # ruled tables: out of the lines, back as rows
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(n, page.height, page.width, page.extract_text_lines()) for n, page in enumerate(pdf.pages)]
            tables = page_tables(pdf.pages)
            scans = _scans(pdf.pages, pages, path)
    except QAError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise DocumentError(f"cannot read {path} as a PDF ({exc.__class__.__name__}): is it a real, unencrypted PDF?",
                            zh="文件已损坏（不是完好的 PDF，或已加密）") from exc
    lines = [Line(n, row["text"], row["x0"], row["x1"], row["top"], row["bottom"], width)
             for n, _, width, rows in pages for row in rows]
    if scans:
        lines = sorted(lines + [line for found in scans.values() for line in found], key=lambda line: line.page)
        if not lines:
            raise DocumentError(f"{path} is a scan and OCR read no text in it: is it a legible scan of a report?",
                                zh="扫描件无法识别文字")
    heights = {n: height for n, height, _, _ in pages}
    return with_tables(drop_running_lines(lines, heights), tables)


def _scans(pdf_pages: list, pages: list, path: Path) -> dict[int, list[Line]]:
    """OCR lines of the pages without a text layer that hold an image (scanned), by page; {} when there are none."""
    scanned = [pdf_pages[n] for n, _, _, rows in pages if not rows and pdf_pages[n].images]
    if not scanned:
        return {}
    from embeddings.ocr import scanned_lines  # the OCR engine loads only for a PDF that needs it

    return scanned_lines(scanned, name=str(path))


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
        PAGE_NUMBER.match(line.text) or PRINT_STAMP.match(line.text) or (several_pages and repeats[key(line)] > 1)))]


def paragraphs(lines: list[Line]) -> list[str]:
    """Join lines into paragraphs; a paragraph whose first line is indented is marked as body text.

    A line set in the middle of the page or of the text block (a headline, a subtitle, a date) stays a line of its
    own, unmarked, so that it reads as a heading; so does a line set far right (a date, a signature). A headline in
    a larger type that wraps is joined again.
    """
    if not lines:
        return []
    page = _Page.of(lines)
    out: list[list] = []  # [text, indented, last line]
    for line in lines:
        text = _unspaced(line.text.strip())
        indented = line.x0 > page.left + page.char * 0.8
        previous = out[-1][2] if out else None
        if previous is not None and _wrapped_headline(previous, line, page):
            out[-1][0] += text
            out[-1][2] = line
        elif previous is None or indented or page.ends_short(previous) or page.set_apart(previous) \
                or _gap(previous, line, page.spacing):
            out.append([text, indented and not page.centred(line), line])
        else:
            out[-1][0] += text
            out[-1][2] = line
    return [(BODY_INDENT if indented else "") + text for text, indented, _ in out]


@dataclass(frozen=True)
class _Page:
    """The text block's measures: a typical character's width and line height, its left and right edges (the
    right one from lines that start at the left edge: a centred or right-set line may stick out), line spacing."""

    char: float
    height: float
    left: float
    right: float
    spacing: float

    @classmethod
    def of(cls, lines: list[Line]) -> "_Page":
        char = median((line.x1 - line.x0) / max(len(line.text), 1) for line in lines)
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines if line.x0 <= left + char * 0.8)
        spacing = median([b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top] or [0])
        return cls(char, median(line.bottom - line.top for line in lines), left, right, spacing)

    def ends_short(self, line: Line) -> bool:
        return line.x1 < self.right - self.char * 1.5

    def set_apart(self, line: Line) -> bool:
        """A line that starts further in than a paragraph's indent: centred or set right; nothing continues it."""
        return line.x0 > self.left + self.char * 4

    def centred(self, line: Line) -> bool:
        """A line set in the middle of the text block or of the page (a headline, a date), not an indented first
        line of a paragraph. Both middles count: the block's right edge is uncertain (lines end short), and
        margins may differ by a little."""
        middle = (line.x0 + line.x1) / 2
        middles = [(self.left + self.right) / 2] + ([line.page_width / 2] if line.page_width else [])
        return any(abs(middle - m) < self.char * 0.75 for m in middles)


def _wrapped_headline(above: Line, line: Line, page: _Page) -> bool:
    """The second line of a headline set larger than the body that wrapped: same type size, no gap, centred."""
    size = line.bottom - line.top
    same_size = abs((above.bottom - above.top) - size) < size * 0.1
    return (above.page == line.page and size > page.height * 1.15 and same_size and 0 <= line.top - above.bottom < size
            and page.centred(line) and not page.ends_short(above))


def _unspaced(text: str) -> str:
    """A headline set with letter spacing comes out with a space between characters: "千 年 古 城" -> "千年古城"."""
    return text.replace(" ", "") if LETTER_SPACED.match(text) else text


def _gap(above: Line, line: Line, spacing: float) -> bool:
    return above.page == line.page and spacing > 0 and line.top - above.top > spacing * 1.8
