"""An answer's characters on its page: the passage aligned with the page's glyphs (embeddings.page_glyphs), the
answer's span cut from that alignment, and verified (an answer over a page break in two parts, one a page).

Prose: the passage's folded text is aligned with the glyphs of its pages (difflib: line breaks, dropped running
headers and small differences between the text layer and the cleaned text are tolerated); the answer is placed
when every one of its characters aligned and the glyphs from its first to its last spell exactly the answer. A
table row's passage ("表｜柯桥区｜改造小区：17个") is not in the page's order, so its answer is looked up instead:
the occurrences of the answer's text on the page, kept when level with the row's name, then the one under the
column's label; a value whose unit the table writer moved in from the column's header ("210公里" from "210" under
"新铺供水管网（公里）") is found by its number, which is boxed, the unit named. Anything else is "not placed", with the reason: never a box around other characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from embeddings.page_glyphs import Glyph, fold, folded
from embeddings.tables import cell_at, is_row

NOT_ON_PAGE = "答案的文字不在这一页的文字层中（可能是表格中合并的单位，或页面与索引不一致）"
AMBIGUOUS = "答案的文字在页面上出现多次，无法确定是哪一处"
NO_TEXT = "答案只有空白字符"
NUMBER_UNIT = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)([^\d\s]{1,6})$")


@dataclass(frozen=True)
class Placement:
    """Glyph indices of the answer (reading order; () when not placed) and of the passage's aligned
    characters; `reason` (Chinese) says why the answer is not placed, "" when it is."""

    answer: tuple[int, ...]
    passage: tuple[int, ...]
    reason: str = ""
    unit: str = ""  # a table value's unit that is in its column's header, not in the boxed cell ("公里" of 210公里)

    @property
    def placed(self) -> bool:
        return bool(self.answer)


def align(text: str, chars: str) -> dict[int, int]:
    """Folded offsets of `text` (embeddings.page_glyphs.folded) mapped to the offsets of `chars` they align with."""
    matcher = SequenceMatcher(None, text, chars, autojunk=False)
    return {i + k: j + k for i, j, n in matcher.get_matching_blocks() for k in range(n)}


def place(text: str, start: int, end: int, glyphs: Sequence[Glyph]) -> Placement:
    """Where text[start:end] of a passage is among the glyphs of its pages (see the module's doc)."""
    chars = "".join(g.char for g in glyphs)
    ftext, origin = folded(text)
    mapping = align(ftext, chars)
    passage = tuple(sorted(set(mapping.values())))
    want = [i for i, o in enumerate(origin) if start <= o < end]
    target = "".join(ftext[i] for i in want)
    if not target:
        return Placement((), passage, NO_TEXT)
    cell = cell_at(text, start, end) if is_row(text) else None
    unit = ""
    if cell is not None:
        found = _in_table(target, fold(cell.row), cell.column, glyphs, chars)
        if found == NOT_ON_PAGE and (moved := _header_unit(target, chars)):
            (target, unit), found = moved, _in_table(moved[0], fold(cell.row), cell.column, glyphs, chars)
    else:
        found = _aligned(want, mapping, target, glyphs) or _near(target, passage, chars)
    if cell is not None:  # a row's text is not in the page's order: its shade is the answer's row, not the alignment
        passage = _row_of(found, len(target), glyphs) if not isinstance(found, str) else ()
    if isinstance(found, str):
        return Placement((), passage, found)
    answer = found if isinstance(found, tuple) else tuple(range(found, found + len(target)))
    return Placement(answer, passage, unit=unit)


def _header_unit(target: str, chars: str) -> tuple[str, str] | None:
    """(number, unit) of a table value whose unit the table writer took from its column's header (the page shows
    "210" under "新铺供水管网（公里）"; the row says 210公里): the unit must be on the page.

    ("210公里", "...（公里）...210...") -> ("210", "公里")
    """
    found = NUMBER_UNIT.match(target)
    return (found.group(1), found.group(2)) if found and found.group(2) in chars else None


def _row_of(at: int, size: int, glyphs: Sequence[Glyph]) -> tuple[int, ...]:
    """The glyphs of the lines a table cell's text at glyphs[at:at + size] is on: its row."""
    lines = {(g.page, g.line) for g in glyphs[at:at + size]}
    return tuple(i for i, g in enumerate(glyphs) if (g.page, g.line) in lines)


def _aligned(want: list[int], mapping: dict[int, int], target: str, glyphs: Sequence[Glyph]) -> tuple[int, ...] | None:
    """The answer's glyphs when all its characters aligned and the glyphs between spell it, else None. An answer
    over a page break may skip what lies between its two parts there (the running footer, the page number, the
    next page's running header): each part is unbroken on its page, and only the page break is jumped."""
    if not all(i in mapping for i in want):
        return None
    found = [mapping[i] for i in want]
    if "".join(glyphs[i].char for i in found) != target:
        return None
    for a, b in zip(found, found[1:]):
        if b != a + 1 and (b < a or glyphs[a].page == glyphs[b].page):
            return None
    return tuple(found)


def _near(target: str, passage: tuple[int, ...], chars: str) -> int | str:
    """The one occurrence of the answer within the passage's aligned stretch of the page, else why not."""
    if not passage:
        return NOT_ON_PAGE
    lo, hi = max(passage[0] - len(target), 0), passage[-1] + len(target) + 1
    found = [i for i in _occurrences(target, chars) if lo <= i and i + len(target) <= hi]
    return found[0] if len(found) == 1 else (AMBIGUOUS if found else NOT_ON_PAGE)


def _occurrences(target: str, chars: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(target)})", chars)]


def _in_table(target: str, row: str, column: str, glyphs: Sequence[Glyph], chars: str) -> int | str:
    """The occurrence of a cell's text level with an occurrence of its row's name (within a line's height),
    right of it, and nearest under one of the column label's parts when several are left."""
    found = _occurrences(target, chars)
    if not found:
        return NOT_ON_PAGE
    rows = [_span(glyphs, i, len(row)) for i in _occurrences(row, chars)] if row else []
    if rows:
        found = [i for i in found if any(_level(_span(glyphs, i, len(target)), r) for r in rows)]
    if len(found) > 1:
        found = _under_label(found, len(target), column, glyphs, chars)
    return found[0] if len(found) == 1 else (AMBIGUOUS if found else NOT_ON_PAGE)


Span = tuple[int, float, float, float, float]  # page, x0, top, x1, bottom


def _span(glyphs: Sequence[Glyph], at: int, size: int) -> Span:
    run = glyphs[at:at + size]
    return (run[0].page, min(g.x0 for g in run), min(g.top for g in run), max(g.x1 for g in run),
            max(g.bottom for g in run))


def _level(cell: Span, row: Span) -> bool:
    """A cell in the row of a row name: same page, right of it, middles less than a line's height apart."""
    height = row[4] - row[2]
    return cell[0] == row[0] and cell[1] >= row[3] - 1 and abs((cell[2] + cell[4]) - (row[2] + row[4])) / 2 < height


def _under_label(found: list[int], size: int, column: str, glyphs: Sequence[Glyph], chars: str) -> list[int]:
    """The occurrences nearest (horizontally) to an occurrence of a part of the column's label; all when none
    is nearer than the others."""
    parts = [fold(p) for p in re.split(r"[、/｜；，\s]+", column) if fold(p)]
    labels = [_span(glyphs, i, len(p)) for p in parts for i in _occurrences(p, chars)]
    if not labels:
        return found

    def distance(i: int) -> float:
        cell = _span(glyphs, i, size)
        return min((abs((cell[1] + cell[3]) - (label[1] + label[3])) / 2 for label in labels if label[0] == cell[0]),
                   default=float("inf"))

    scored = sorted((distance(i), i) for i in found)
    return [scored[0][1]] if scored[0][0] < scored[1][0] else found


def runs(indices: Sequence[int], glyphs: Sequence[Glyph]) -> list[tuple[int, float, float, float, float, str]]:
    """Boxes around glyph indices: one per run of consecutive glyphs on one line, (page, x0, top, x1, bottom,
    text under it). [0, 1, 5] -> a box around glyphs 0-1 and one around glyph 5."""
    out: list[tuple[int, float, float, float, float, str]] = []
    previous = None
    for i in indices:
        g = glyphs[i]
        if previous is not None and i == previous + 1 and glyphs[previous].line == g.line and out[-1][0] == g.page:
            page, x0, top, x1, bottom, text = out[-1]
            out[-1] = (page, min(x0, g.x0), min(top, g.top), max(x1, g.x1), max(bottom, g.bottom), text + g.char)
        else:
            out.append((g.page, g.x0, g.top, g.x1, g.bottom, g.char))
        previous = i
    return out
