"""A cited table row shown as a small table: the table's caption, the column labels over the row, and the
answer's cell highlighted. Read from the row passage itself ("各区改造完成情况｜柯桥区｜改造小区：17个；…",
embeddings.tables) with the same offsets as the answer, so the highlighted cell is the citation's (Answer.cell).
Every text is escaped (ui.format.escape): nothing a document holds is rendered as markup."""
from __future__ import annotations

from embeddings.tables import cell_at, is_row, row_cells
from ui.format import escape, highlight


def row_table(text: str, start: int, end: int) -> str:
    """HTML of the row passage `text` with the cell that holds text[start:end] highlighted (the answer marked in
    it); "" when `text` is not a table row or the span is in none of its cells.

    ("表｜柯桥区｜小区：17个；居民：3200户", 9, 12) -> a table captioned 表, header (∅, 小区, 居民), row
    (柯桥区, <mark>17个</mark>, 3200户), the 小区 cell of class qa-cell-hit
    """
    found = cell_at(text, start, end) if is_row(text) else None
    if found is None:
        return ""
    cells = row_cells(text)
    heads = "".join(f"<th>{escape(c.label)}</th>" for c in cells)
    values = "".join(_cell(text, c.start, c.end, start, end) for c in cells)
    caption = f"<caption>{escape(found.table)}</caption>" if found.table else ""
    return (f"<table class=\"qa-row-table\">{caption}<thead><tr><th></th>{heads}</tr></thead>"
            f"<tbody><tr><th scope=\"row\">{escape(found.row)}</th>{values}</tr></tbody></table>")


def _cell(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """One value cell; the one holding [start, end) is of class qa-cell-hit with the answer marked in it."""
    value = text[lo:hi]
    if not (lo <= start and end <= hi):
        return f"<td>{escape(value)}</td>"
    return f"<td class=\"qa-cell-hit\">{highlight(value, start - lo, end - lo)}</td>"

