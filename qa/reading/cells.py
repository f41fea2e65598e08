"""A table row's answer in the column the question names.

A row passage reads alike in every cell ("…｜庆元县｜优良天数比例：99.7%；PM2.5（微克/立方米）：15"), and the
reader may cut the right row's wrong cell (庆元县的PM2.5是多少？ -> 99.7%). When the question names exactly one of
the row's column labels (most of the label's characters, its unit in brackets aside: 新建学校 in 江油市新建了几所学校？,
危桥改造 in 改造了几座危桥), the answer is that column's cell.

    in_named_column("庆元县的PM2.5是多少？", answer_99_7)   # -> the same answer moved to "15"
"""
from __future__ import annotations

import re
from dataclasses import replace

from embeddings.tables import RowCell, is_row, row_cells, row_head
from qa.everyday import report_words
from qa.reading.answer_types import expected_type
from qa.types import Answer

UNIT = re.compile(r"[（(][^）)]*[）)]\s*$")  # a column label's unit: 新改建里程（公里）
SHARE = 0.75  # of a label's characters the question must hold for the label to count as named


def typed_cell(question: str, answer: Answer) -> RowCell | None:
    """The only cell of a row whose value, with its column's unit, has the shape the question asks (money, a share,
    a year), when the answer has another; else None."""
    atype = expected_type(question)
    if atype is None or atype.name not in ("money", "percent", "year") or atype.matches(answer.text) \
            or not is_row(answer.passage.text):
        return None
    typed = [c for c in row_cells(answer.passage.text) if atype.matches(_with_unit(answer.passage.text, c))]
    return typed[0] if len(typed) == 1 else None


def asked_column(question: str, text: str) -> RowCell | None:
    """`named_cell`, when its cell is of the kind the question asks (`_of_kind`), else None."""
    cell = named_cell(question, text)
    return cell if cell is not None and _of_kind(question, text, cell) else None


def _of_kind(question: str, text: str, cell: RowCell) -> bool:
    """Whether a cell, with its column's unit, is of the kind a question asks that states one (money, a share, a
    year, a unit); any cell when it states none."""
    atype = expected_type(question)
    if atype is None or not (atype.name in ("money", "percent", "year") or atype.name.startswith("unit-")):
        return True
    return atype.matches(_with_unit(text, cell))


def _with_unit(text: str, cell: RowCell) -> str:
    """A cell's value with its column's unit: "2.96" under 完成投资（亿元） -> "2.96亿元"."""
    return text[cell.start:cell.end].strip() + label_unit(cell.label)


def label_unit(label: str) -> str:
    """A column label's unit, bracketed after it, else "": "完成投资（亿元）" -> "亿元" (2.96 under it is 2.96亿元)."""
    unit = UNIT.search(label)
    return unit.group().strip()[1:-1].strip() if unit else ""


def label_core(label: str) -> str:
    """A column label without its unit: "PM2.5（微克/立方米）" -> "PM2.5"."""
    return UNIT.sub("", label).strip()


def named_cell(question: str, text: str) -> RowCell | None:
    """The cell of a row line whose column the question names: the one label starting with a report word for one of
    the question's everyday words, its cell of the asked kind (省下来多少钱: 节约或增值资金), else the one label most of
    whose own characters, those no other label has, it holds, at least SHARE of them; else None (not a row, no label
    named, or two named alike). Characters the row's caption holds are the table's topic and tell no label apart
    (燃气 of 燃气用户 under …燃气老化管道…情况), while two or more others are left to tell it.

    named_cell("庆元县的PM2.5是多少？", "表｜庆元县｜优良天数比例：99.7%；PM2.5（微克/立方米）：15") -> RowCell("PM2.5…", …)
    """
    if not is_row(text):
        return None
    scored, cells = [], row_cells(text)
    cores = [label_core(cell.label) for cell in cells]
    added = report_words(question)
    words = [w for w in added if len(w) >= 2]  # 省下来多少钱 names 节约或增值资金 by its 节约 first
    atype = expected_type(question) if words else None  # of the kind asked: 修好了几座 names no 完成投资 by its 完成
    said = [cell for cell, core in zip(cells, cores) if any(core.startswith(w) for w in words)  # not 养护资金 for 花钱
            and (atype is None or atype.matches(_with_unit(text, cell)))]
    if len(said) == 1:
        return said[0]
    question += "".join(added)  # 隐患整改好了多少处 names 完成整治 (qa.everyday)
    caption = row_head(text)[0]  # the table's topic (燃气 of …燃气老化管道…情况) tells no column apart
    for cell, core in zip(cells, cores):  # the characters no other label has tell it apart (新建 of 新建面积, not 面积)
        own = [ch for ch in core if not any(ch in other for other in cores if other is not core)] or list(core)
        untold = [ch for ch in own if ch not in caption]  # 用户 of 燃气用户 under …燃气老化管道…情况
        own = untold if len(untold) >= 2 else own  # one left (新 of 新建面积 under 各县建设情况) tells too little
        if len(core) >= 2:
            share = (sum(ch in question for ch in own) / len(own), sum(ch in question for ch in core) / len(core))
            scored.append((share, cell))  # a tie on their own characters: the more of the whole label said
    scored.sort(key=lambda pair: (-pair[0][0], -pair[0][1]))
    if not scored or scored[0][0][0] < SHARE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def in_named_column(question: str, answer: Answer) -> Answer:
    """The answer moved to the cell of the column the question names, when it was cut from another cell of a
    row, or, when it names none, to the one cell of the kind the question asks (花了多少钱: 完成投资：11200万元, not
    新增养老机构：6家); otherwise unchanged. A named column whose cells are of another kind than asked is no
    column asked (改老小区花了多少钱: not 改造小区：52, a count)."""
    cell = asked_column(question, answer.passage.text) or typed_cell(question, answer)
    if cell is None or (cell.start <= answer.start and answer.end <= cell.end):
        return answer
    value = answer.passage.text[cell.start:cell.end]
    start = cell.start + len(value) - len(value.lstrip())
    end = cell.start + len(value.rstrip())
    if end <= start:
        return answer
    return replace(answer, text=answer.passage.text[start:end], start=start, end=end)


def column_unit(answer: Answer) -> str:
    """The unit a table cell's column label gives its bare figure ("6480" under 抽检批次（批） -> "批"), else "".

    >>> from embeddings.types import Passage
    >>> p = Passage("r1-p1", 1, "各县抽检情况｜晋江市｜抽检批次（批）：6480；合格率：98.3%", 0, 0)
    >>> column_unit(Answer("6480", 1.0, p, 19, 23)), column_unit(Answer("98.3%", 1.0, p, 28, 33))
    ('批', '')
    """
    cell = answer.cell
    return label_unit(cell.column) if cell and re.fullmatch(r"[0-9.]+", answer.text) else ""
