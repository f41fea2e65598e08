"""Rows of one table kept from crowding out the rest of a ranking.

A table is indexed one row a passage, each row led by the same caption (`embeddings.tables.table_lines`:
"各区（县）献血情况｜桐北区｜献血人次：16420人次；…"), so a question about the table's topic ranks every row alike and
the rows of a six-row table can fill the reader's three passages and the top ten, pushing down the paragraph that
answers it (桐川现在每一千个人里献血的比例是多少？: 千人口献血率…13.2‰ ranked below all six rows). Past the first
`ROWS_KEPT` rows of a table, a row is moved after the other passages of the ranking, unless the question names it
(方岭县献血多少人次？ keeps 方岭县's row where it ranked). Nothing is dropped: a ranking of rows only keeps its order.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence, TypeVar

from embeddings.tables import is_row, row_head

T = TypeVar("T")
ROWS_KEPT = 2  # rows of one table left where they ranked (a question of its total or its best row still reads two)
PLACE_SUFFIX = re.compile(r"(?<=..)(?:区|县|市|镇|乡|街道)$")


def spread_rows(ranked: Sequence[T], question: str, text_of: Callable[[T], str],
                report_of: Callable[[T], int], kept: int = ROWS_KEPT) -> list[T]:
    """`ranked` (best first) with each table's rows past its first `kept` moved after the other items, in order.

    >>> rows = [f"献血情况｜{n}｜献血人次：{v}" for n, v in (("澜溪区", 1), ("桐北区", 2), ("石梁县", 3))]
    >>> ranked = rows + ["千人口献血率从11.4‰提高到13.2‰"]
    >>> spread_rows(ranked, "每一千个人里献血的比例是多少？", str, lambda t: 1)[2]
    '千人口献血率从11.4‰提高到13.2‰'
    >>> spread_rows(ranked, "石梁献血多少人次？", str, lambda t: 1) == ranked  # the row named keeps its rank
    True
    >>> spread_rows(rows, "献血多少人次？", str, lambda t: 1) == rows  # rows alone keep their order
    True
    """
    seen: dict[tuple[int, str], int] = {}
    front, back = [], []
    for item in ranked:
        text = text_of(item)
        if not is_row(text):
            front.append(item)
            continue
        title, row = row_head(text)
        key = (report_of(item), title)
        seen[key] = seen.get(key, 0) + 1
        (front if seen[key] <= kept or named(row, question) else back).append(item)
    return front + back


def named(row: str, question: str) -> bool:
    """Whether the question names a row: its name whole, or without its 区/县/市 (石梁县 -> 石梁).

    >>> named("石梁县", "石梁献血多少？"), named("合计", "一共多少？"), named("县", "县里有多少？")
    (True, False, False)
    """
    row = row.strip()
    short = PLACE_SUFFIX.sub("", row)
    return len(row) >= 2 and (row in question or (len(short) >= 2 and short in question))
