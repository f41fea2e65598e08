"""A cited table row as a small table: the caption, the column labels, the row, every text escaped, and the
highlighted cell the answer's (the one Answer.cell names)."""
import re

from embeddings.types import Passage
from qa.types import Answer
from ui.cell_table import row_table

ROW = "各区<改造>情况｜柯桥区｜改造小区：17个；受益居民：3200户；备注：<b>好</b>"


def _cells(html: str) -> list[str]:
    return re.findall(r"<t[dh](?: [^>]*)?>(.*?)</t[dh]>", html)


def test_the_row_is_a_table_with_the_answer_cell_highlighted():
    start = ROW.index("3200户")
    html = row_table(ROW, start, start + len("3200户"))
    assert "<caption>各区&lt;改造&gt;情况</caption>" in html
    assert _cells(html) == ["", "改造小区", "受益居民", "备注", "柯桥区", "17个", "<mark>3200户</mark>",
                            "&lt;b&gt;好&lt;/b&gt;"]
    assert re.findall(r'<td class="qa-cell-hit">(.*?)</td>', html) == ["<mark>3200户</mark>"]
    assert "<b>" not in html


def test_the_highlighted_cell_is_the_answers_cell():
    passage = Passage(id="r001-p002", report=1, text=ROW, start=0, end=len(ROW))
    start = ROW.index("17")
    answer = Answer("17", 1.0, passage, start, start + 2)
    html = row_table(answer.passage.text, answer.start, answer.end)
    hit = re.search(r'<td class="qa-cell-hit">(.*?)</td>', html).group(1)
    assert hit == "<mark>17</mark>个"
    column = _cells(html)[_cells(html).index(hit) - 4]  # the header cell above it: 4 cells a row
    assert (column, answer.cell.row, answer.cell.column) == ("改造小区", "柯桥区", "改造小区")


def test_no_table_outside_a_row_cell():
    assert row_table("全市共改造小区29个。", 7, 10) == ""
    assert row_table(ROW, 0, 2) == ""  # in the caption, not a cell
