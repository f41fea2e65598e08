"""The margin of a table cell answering a question that names the cell's row.

A table row reaches the reader as one line ("…情况｜潮阳区｜不可移动文物：528处；修缮文物建筑：14处；…"), a shape
its training never showed: asked in everyday words (汕头潮阳区登记在册的老古迹有多少处？) it cuts the right cell and
still scores it far below "no answer" (−17.0). Measured on the new users' collections (docs/results.md,
"Twenty-third session"): every best answer that is a whole cell of a row whose name the question says was right, at
any margin (12 of 12 below 0, 8 of them below the threshold), and none was given to a question the reports do not
answer. Such an answer reads its margin `Settings.row_credit` higher; when the question names another column of the row
(`qa.reading.cells.asked_column`), the answer moves to that column's cell with the credit (东阳市干家政这一行的有多少人:
从业人员：2.9万人, not the reader's 家政企业：640家; docs/results.md, "Twenty-sixth session"); the checks of kind and
unit still run.
"""
from __future__ import annotations

from embeddings.places import stem
from embeddings.tables import is_row, row_cells, row_head
from qa.reading.list_margin import with_credit
from qa.reading.reader import ReadResult


def row_credited(question: str, result: ReadResult, credit: float) -> ReadResult:
    """The reading with its best answer's margin raised by the row credit, when that answer is a whole cell of a row
    line whose row name (or its stem: 迁安 for 迁安市) the question says; else unchanged. `credit` is
    Settings.row_credit (0: never).

    >>> from qa.types import Answer, Passage
    >>> text = "各区县文物保护情况｜潮阳区｜不可移动文物：528处；修缮文物建筑：14处"
    >>> at = text.index("528处")
    >>> best = Answer("528处", -17.0, Passage("p", 1, text, 0, len(text)), at, at + 4, reader_score=-17.0)
    >>> row_credited("汕头潮阳区登记在册的老古迹有多少处？", ReadResult((best,), -17.0), 10.0).margin
    -7.0
    >>> row_credited("汕头登记在册的老古迹有多少处？", ReadResult((best,), -17.0), 10.0).margin  # no row named
    -17.0
    """
    if not credit or not result.answers:
        return result
    best = result.answers[0]
    text = best.passage.text
    if not is_row(text) or not any(c.start == best.start and c.end == best.end for c in row_cells(text)):
        return result
    # a column the question names, when it is another, is where the answer then moves (cells.in_named_column)
    name = row_head(text)[1].strip()
    if len(name) < 2 or not (name in question or (len(stem(name)) >= 2 and stem(name) in question)):
        return result
    return with_credit(result, credit)
