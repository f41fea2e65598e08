"""A list grown from one of its items, then on to the head noun the question asks of it.

`qa.reading.spans.whole_name` grows a span to the noun a question asks (哪些座谈会: 中秋节 -> 中秋节座谈会) before the
list steps grow a single item to the whole list (清明节 -> 清明节、中秋节), so a list the reader began at its first item
lost the head noun its last item carries (召开清明节、中秋节座谈会). `qa.reading.reader` grows lists here instead.
"""
from __future__ import annotations

from qa.reading.list_tails import list_tail
from qa.reading.listed_spans import listed, parallel
from qa.reading.spans import whole_name


def grown_list(text: str, start: int, end: int, question: str, *, named: bool) -> tuple[int, int]:
    """The span grown to its list (`listed`, `parallel`); when it grew, its last thing completed and a last one joined
    by 和 / 以及 taken in (`list_tail`), and, when `named` (the question asks no figure, date or person: `whole_name`
    applies), the head noun asked right after the list.

    >>> t = "组织退役军人召开清明节、中秋节座谈会，开展祭扫"
    >>> t[slice(*grown_list(t, 8, 11, "乌海给退役军人开过哪些座谈会？", named=True))]
    '清明节、中秋节座谈会'
    >>> t[slice(*grown_list(t, 8, 11, "乌海给退役军人开过哪些座谈会？", named=False))]
    '清明节、中秋节'
    >>> t = "支持部队开展国防教育、民兵训练基地建设以及营区升级改造，全力做好"
    >>> t[slice(*grown_list(t, 6, 10, "钱主要花在哪些方面？", named=True))]
    '国防教育、民兵训练基地建设以及营区升级改造'
    """
    grown = parallel(text, *listed(text, start, end, question), question)
    if grown == (start, end):
        return grown
    grown = grown[0], list_tail(text, *grown, question)  # its last thing whole: 民兵训练基地 + 建设以及营区升级改造
    return whole_name(text, *grown, question) if named else grown
