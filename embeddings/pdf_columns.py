"""A page set in two columns read column by column, and the footnotes at a page's foot told from its text.

pdfplumber reads a text line across the whole page: on a two-column page a line of the left column and the line
of the right column beside it come out as one line. Here a page's gutter is found first (a vertical strip in the
middle that only lines set across both columns cross, with running text on both sides: left lines that reach it,
right lines that start at one edge); each stretch between lines set across is then read left column whole, then
right. Footnotes are the lines at a page's foot set smaller than the body, under a rule or starting with a note
mark (①, 1), [1], 注：); embeddings.pdf_layout.paragraphs keeps them out of the running paragraph.
"""
from __future__ import annotations

import math
from dataclasses import replace
from statistics import median

from embeddings.pdf_layout import NOTE_MARK, Line

MIDDLE = (0.25, 0.75)  # where a gutter may be, as parts of the page's width
MIN_ROWS = 3  # lines each column needs before a page counts as set in two columns
SMALL = 0.85  # a footnote's line height, at most, as a part of the body's


def text_lines(page) -> list[tuple[dict, int]]:
    """pdfplumber's text lines of a page (with their chars) in reading order, each with its column: 0 set across
    the page (or a page in one column), 1 the left column, 2 the right one."""
    tolerance = line_tolerance(page.chars)
    rows = page.extract_text_lines(return_chars=True, y_tolerance=tolerance)
    x0, _, x1, bottom = page.bbox
    gutter = find_gutter(rows, x0, x1)
    if gutter is None:
        return [(row, 0) for row in rows]
    split = sum(gutter) / 2
    across = sorted((row for row in rows if _crosses(row, *gutter)), key=lambda row: row["top"])
    out, top = [], page.bbox[1]
    for row in [*across, None]:
        end = row["top"] if row else bottom
        if end > top:
            for column, box in ((1, (x0, top, split, end)), (2, (split, top, x1, end))):
                out += [(r, column) for r in page.within_bbox(box).extract_text_lines(return_chars=True,
                                                                                       y_tolerance=tolerance)]
        if row:
            out.append((row, 0))
            top = max(top, row["bottom"])
    return out


def line_tolerance(chars: list[dict]) -> float:
    """How far apart (pt) the tops of two characters of one line may be: pdfplumber's 3, or 0.3 of the page's
    largest type, whichever is more. A browser sets a Chinese line's digits in a Latin font whose box sits
    0.22 of the type size lower (Chromium: "2023" at top 90.9 in a headline of 18 pt at top 87.0), and with 3
    they fell out of the line ("丽水市 年…工作报告", then a line "2023"), taking the title's year and the date.

    line_tolerance([{"size": 18.0}, {"size": 12.0}]) -> 5.4
    """
    return max(3.0, 0.3 * max((c["size"] for c in chars), default=0.0))


def find_gutter(rows: list[dict], left: float, right: float) -> tuple[float, float] | None:
    """The gutter (x from, x to) of a page set in two columns, None for one column. The widest strip in the
    middle of the page crossed by the fewest lines, at most half of them (a headline, subtitle, date, notes set
    across), with running text on both sides of alike widths: MIN_ROWS left lines that reach it, MIN_ROWS right
    lines that start at one edge (a table's short name column is no column of text). Lines that cross the strip
    are no evidence of either column."""
    glyphs = [(row_n, c["x0"], c["x1"]) for row_n, row in enumerate(rows) for c in row["chars"] if c["text"].strip()]
    if len(rows) < 2 * MIN_ROWS or not glyphs:
        return None
    char = median(x1 - x0 for _, x0, x1 in glyphs)
    lo, hi = int(left + MIDDLE[0] * (right - left)), int(left + MIDDLE[1] * (right - left))
    crossing = [set() for _ in range(lo, hi)]
    for row_n, x0, x1 in glyphs:
        for x in range(max(lo, int(x0)), min(hi, math.ceil(x1))):
            crossing[x - lo].add(row_n)
    fewest = min(len(rows_here) for rows_here in crossing)
    run = _widest(crossing, fewest, lo) if fewest <= len(rows) // 2 else None
    if run is None or run[1] - run[0] < char:
        return None
    g0, g1 = run
    # the lines set across are those crossing the strip's middle; a column line that only reaches into the strip
    # (the longest line of a ragged left column, beside a date set across) narrows it instead
    middle, band = (g0 + g1) / 2, (g1 - g0) / 6
    across = set().union(*crossing[max(0, int(middle - band) - lo):int(middle + band) - lo + 1])
    sides = [g for g in glyphs if g[0] not in across]
    g0 = max([x1 for _, _, x1 in sides if x1 <= middle], default=g0)
    g1 = min([x0 for _, x0, _ in sides if x0 >= middle], default=g1)
    if g1 - g0 < char:
        return None
    ends, starts = _sides(sides, g0, g1)
    if not ends or not starts:
        return None
    widths = (g0 - min(x0 for _, x0, _ in glyphs), max(x1 for _, _, x1 in glyphs) - g1)
    reach = sum(end >= g0 - 2 * char for end in ends)
    aligned = sum(start <= min(starts) + 2.5 * char for start in starts)
    if reach < MIN_ROWS or aligned < MIN_ROWS or min(widths) < 8 * char or max(widths) > 1.6 * min(widths):
        return None
    return g0, g1


def _sides(glyphs: list[tuple[int, float, float]], g0: float, g1: float) -> tuple[list[float], list[float]]:
    """Where each line's text left of the gutter ends, and where its text right of the gutter starts."""
    ends: dict[int, float] = {}
    starts: dict[int, float] = {}
    for n, x0, x1 in glyphs:
        if x1 <= g0 + 0.5:
            ends[n] = max(ends.get(n, x1), x1)
        elif x0 >= g1 - 0.5:
            starts[n] = min(starts.get(n, x0), x0)
    return list(ends.values()), list(starts.values())


def _widest(crossing: list[set], allowed: int, lo: int) -> tuple[float, float] | None:
    """The widest run of x (from `lo`) crossed by at most `allowed` lines, as (from, to)."""
    best, start = None, None
    for i, rows in enumerate([*crossing, None]):
        if rows is not None and len(rows) <= allowed:
            start = i if start is None else start
            continue
        if start is not None and (best is None or i - start > best[1] - best[0]):
            best = (start, i)
        start = None
    return (lo + best[0], lo + best[1]) if best else None


def _crosses(row: dict, g0: float, g1: float) -> bool:
    return any(c["x0"] < g1 and c["x1"] > g0 for c in row["chars"] if c["text"].strip())


def mark_footnotes(lines: list[Line], rules: dict[int, list[float]], heights: dict[int, float]) -> list[Line]:
    """The lines with `footnote` set on each page's footnotes: the last lines of a text page, in its lower half,
    set smaller than the body (below SMALL of the text lines' median height), under a rule (a horizontal line
    between them and the text above, `rules[page]` the rules' tops) or starting with a note mark."""
    text = [line for line in lines if not line.ocr and line.text.strip()]
    if not text:
        return lines
    body = median(line.bottom - line.top for line in text)
    notes: set[int] = set()
    for page in {line.page for line in text}:
        on_page = sorted((line for line in text if line.page == page), key=lambda line: line.top)
        block = []
        while on_page and on_page[-1].bottom - on_page[-1].top < SMALL * body:
            block.insert(0, on_page.pop())
        if not block or block[0].top < heights[page] / 2:
            continue
        above = on_page[-1].bottom if on_page else 0.0
        if NOTE_MARK.match(block[0].text) or any(above - 1 <= y <= block[0].top + 1 for y in rules.get(page, [])):
            notes.update(id(line) for line in block)
    return [replace(line, footnote=True) if id(line) in notes else line for line in lines]
