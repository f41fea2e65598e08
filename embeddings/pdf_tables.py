"""Tables on PDF pages: their text lines leave the line stream, and the table comes back in their place as
row lines (embeddings.tables).

pdfplumber's table finder gives each ruled table's box and cells. `with_tables` drops the text lines inside a
table's box and puts one stand-in line where the table stood; its text is a marker that `put_back` replaces with
the table's rows, titled by the paragraph or heading just above it, as a Word table's are.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from statistics import median

from embeddings.pdf_layout import Line
from embeddings.pdf_unruled import unruled_tables
from embeddings.reports import heading_like
from embeddings.tables import Table, table_lines, table_title

log = logging.getLogger(__name__)

MARKER = re.compile("(\ue000\\d+\ue000)")
EDGE = 0.25  # a table that starts in the top quarter of a page may continue one that ended in the bottom quarter


@dataclass(frozen=True)
class PageTable:
    """A ruled table found on a page: its box (x0, top, x1, bottom) and its grid (embeddings.tables.Table.rows).

    `continues`: the table goes on from the previous page (same columns), so it takes that table's title.
    """

    page: int
    box: tuple[float, float, float, float]
    rows: tuple[tuple[str | None, ...], ...]
    continues: bool = False


@dataclass(frozen=True)
class TableLine(Line):
    """The line that stands where a table stood; its text is a marker for `put_back`."""

    table: PageTable | None = None


def page_tables(pages) -> list[PageTable]:
    """The tables of pdfplumber pages, top to bottom: ruled ones (a box around text, one row or one column, is
    none) and ones without rules whose words line up in columns (embeddings.pdf_unruled)."""
    found: list[PageTable] = []
    for n, page in enumerate(pages):
        try:
            ruled = [(tuple(t.bbox), grid(t)) for t in page.find_tables()]
            ruled = [(box, rows) for box, rows in ruled if len(rows) >= 2 and max(len(row) for row in rows) >= 2]
            loose = unruled_tables(page.extract_words(), skip=[box for box, _ in ruled])
        except Exception as exc:  # a table the finder trips on is read as text lines, not lost
            log.warning("page %d: table finder failed (%s); its tables are read as text", n + 1, exc)
            continue
        for box, rows in sorted(ruled + loose, key=lambda table: table[0][1]):
            found.append(_continued(found, PageTable(n, box, rows), page.height))
    return found


def grid(table) -> tuple[tuple[str | None, ...], ...]:
    """A pdfplumber table's cell texts on its grid: a cell covered by a merged cell to its left is None, one
    covered from above repeats the text above."""
    texts = table.extract()
    xs = sorted({cell[0] for cell in table.cells})
    rows: list[tuple[str | None, ...]] = []
    for i, row in enumerate(table.rows):
        cells: list[str | None] = []
        for j, box in enumerate(row.cells):
            if box is not None:
                cells.append(texts[i][j] or "")
            elif _covered_from_left(row.cells, j, xs):
                cells.append(None)
            else:
                cells.append(rows[-1][j] if rows and j < len(rows[-1]) else "")
        rows.append(tuple(cells))
    return tuple(rows)


def _covered_from_left(cells: list, j: int, xs: list[float]) -> bool:
    left = next((box for box in reversed(cells[:j]) if box is not None), None)
    return left is not None and left[2] > xs[j] + 1


def _continued(found: list[PageTable], table: PageTable, height: float) -> PageTable:
    """A table at the top of a page that goes on from one at the bottom of the page before, with as many
    columns, is its continuation: it keeps that table's header (added when the page does not repeat it)."""
    if not found:
        return table
    last = found[-1]
    if not (last.page == table.page - 1 and last.box[3] > height * (1 - EDGE) and table.box[1] < height * EDGE
            and len(last.rows[0]) == len(table.rows[0])):
        return table
    rows = table.rows if table.rows[0] == last.rows[0] else (last.rows[0], *table.rows)
    return PageTable(table.page, table.box, rows, continues=True)


def with_tables(lines: list[Line], tables: list[PageTable]) -> list[Line]:
    """The lines without those inside a table's box, and a stand-in line where each table stood.

    The stand-in is a short line (a character's width per character of its text, a line's height) that starts
    where the table's text started when that is left of the text block, else two characters in: either way the
    page's left edge, character width and line spacing are what the table's own lines gave them, and the
    paragraph after the table starts a paragraph of its own.
    """
    if not tables:
        return lines
    kept = [line for line in lines if not any(_inside(line, t) for t in tables)]
    char = median([(l.x1 - l.x0) / max(len(l.text), 1) for l in kept] or [10.0])
    height = median([l.bottom - l.top for l in kept] or [char])
    left = min((l.x0 for l in kept), default=0.0)
    for n, table in enumerate(tables):
        text, top = f"\ue000{n}\ue000", table.box[1]
        x0 = min([left + 2 * char] + [l.x0 for l in lines if _inside(l, table)])
        stand_in = TableLine(page=table.page, text=text, x0=x0, x1=x0 + len(text) * char, top=top,
                             bottom=top + height, table=table)
        at = next((i for i, l in enumerate(kept) if (l.page, l.top) >= (table.page, top)), len(kept))
        kept.insert(at, stand_in)
    return kept


def _inside(line: Line, table: PageTable) -> bool:
    x0, top, x1, bottom = table.box
    middle = (line.top + line.bottom) / 2
    return line.page == table.page and top - 1 <= middle <= bottom + 1 and line.x0 < x1 and line.x1 > x0


def put_back(paragraphs: list[str], lines: list[Line]) -> list[str]:
    """The paragraphs with each table's marker replaced by its row lines, in the place the table stood."""
    tables = {line.text: line.table for line in lines if isinstance(line, TableLine)}
    out: list[str] = []
    heading = title = ""
    for paragraph in paragraphs:
        for n, piece in enumerate(MARKER.split(paragraph)):
            if piece in tables:
                table = tables[piece]
                before = out[-1] if out else ""
                title = title if table.continues else table_title(before=before, heading=heading)
                out.extend(table_lines(Table(title, table.rows)))
            elif piece.strip():  # text joined to a marker starts a paragraph of its own
                out.append(piece if n == 0 else piece.strip())
                heading = piece if heading_like(piece) else heading
    return out
