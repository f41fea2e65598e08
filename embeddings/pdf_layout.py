"""PDF text lines (from pdfplumber or OCR) into paragraphs: lines broken by the page width rejoined, running
headers, footers and page numbers dropped, centred titles kept as lines of their own (see embeddings.pdf).
Shared by the PDF reader, its table finder and OCR, so none of them imports another's reading code."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4}|of\s*\d{1,4})?[-—–\s]*$", re.I)
# what a browser prints above and below each page: "12/3/26, 9:00 PM  标题", "2023/12/28 10:05", "file:///a.html 1/2"
PRINT_STAMP = re.compile(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,\s]+\d{1,2}:\d{2}|^\s*(?:file|https?)://", re.I)
MARGIN = 0.1  # top and bottom tenth of a page: where running headers and footers sit
BODY_INDENT = "\u3000\u3000"
LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff])+$")
# what starts a footnote: ①, ⑴, 1), （1）, [1], 注：, 注1：, *
NOTE_MARK = re.compile(r"^\s*(?:[①-⑳⑴-⒇]|[(（]?\d{1,2}[)）]|[\[［]\d{1,2}[\]］]|注\s*\d*\s*[：:]|\*)")


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
    ocr: bool = False  # read by OCR from a scanned PDF page (the page view keeps its box: the page has no chars)
    column: int = 0  # 1 or 2 in the left or right column of a page set in two (embeddings.pdf_columns), else 0
    footnote: bool = False  # a footnote at the page's foot: kept out of the running paragraph


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
    a larger type that wraps is joined again. Each column of a page set in two is measured on its own; footnotes
    are body paragraphs of their own (one a note mark), put after the paragraph running at their page's foot.
    """
    body = [line for line in lines if not line.footnote]
    if not body:
        return [BODY_INDENT + note for note in _notes(lines)]
    pages = {column: _Page.of([line for line in body if line.column == column]) for column in {l.column for l in body}}
    out: list[list] = []  # [text, indented, last line]
    notes: list[Line] = []  # footnotes waiting for the running paragraph to end
    for line in lines:
        if line.footnote:
            notes.append(line)
            continue
        text = _unspaced(line.text.strip())
        page = pages[line.column]
        indented = line.x0 > page.left + page.char * 0.8
        previous = out[-1][2] if out else None
        if previous is not None and _wrapped_headline(previous, line, page):
            out[-1][0] += text
            out[-1][2] = line
        elif previous is None or indented or _ends_paragraph(previous, line, pages[previous.column]):
            out += [[note, True, previous] for note in _notes(notes)]
            notes = []
            out.append([text, indented and not page.centred(line), line])
        else:
            out[-1][0] += text
            out[-1][2] = line
    out += [[note, True, None] for note in _notes(notes)]
    return [(BODY_INDENT if indented else "") + text for text, indented, _ in out]


def _ends_paragraph(previous: Line, line: Line, page: "_Page") -> bool:
    """Whether the line after `previous` starts a paragraph: it stopped short, was set apart, or a gap follows."""
    return page.ends_short(previous) or page.set_apart(previous) or _gap(previous, line, page.spacing)


def _notes(lines: list[Line]) -> list[str]:
    """Footnote lines as notes: a line with a note mark (①, 1), 注：) or on another page starts one, the others
    continue it.

    [Line(text="①指2000年底前"), Line(text="建成的小区。"), Line(text="②含加装电梯。")]
    -> ["①指2000年底前建成的小区。", "②含加装电梯。"]
    """
    notes: list[str] = []
    for n, line in enumerate(lines):
        text = line.text.strip()
        if notes and not NOTE_MARK.match(text) and lines[n - 1].page == line.page:
            notes[-1] += text
        else:
            notes.append(text)
    return notes


@dataclass(frozen=True)
class _Page:
    """The text block's measures: a typical character's width and line height, its left and right edges (the
    right one from body lines, which start at the left edge or a paragraph's indent from it: a centred or
    right-set line may stick out; in a short text the only line at the left edge may be a last line), spacing."""

    char: float
    height: float
    left: float
    right: float
    spacing: float

    @classmethod
    def of(cls, lines: list[Line]) -> "_Page":
        char = median((line.x1 - line.x0) / max(len(line.text), 1) for line in lines)
        left = min(line.x0 for line in lines)
        at_left = [line.x1 for line in lines if line.x0 <= left + char * 0.8]
        if len(at_left) < 2:  # a short text: its one line at the left edge may be a paragraph's last
            at_left = [line.x1 for line in lines if line.x0 <= left + char * 2.5]  # first lines too
        right = max(at_left)
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
