"""A list grown from one of its items, then on to the head noun the question asks of it.

`qa.reading.spans.whole_name` grows a span to the noun a question asks (哪些座谈会: 中秋节 -> 中秋节座谈会) before the
list steps grow a single item to the whole list (清明节 -> 清明节、中秋节), so a list the reader began at its first item
lost the head noun its last item carries (召开清明节、中秋节座谈会). `qa.reading.reader` grows lists here instead.
"""
from __future__ import annotations

from qa.reading.listed_spans import listed, parallel
from qa.reading.spans import whole_name


def grown_list(text: str, start: int, end: int, question: str, *, named: bool) -> tuple[int, int]:
    """The span grown to its list (`listed`, `parallel`), then, when it grew and `named` (the question asks no
    figure, date or person: `whole_name` applies), to the head noun asked right after the list.

    >>> t = "组织退役军人召开清明节、中秋节座谈会，开展祭扫"
    >>> t[slice(*grown_list(t, 8, 11, "乌海给退役军人开过哪些座谈会？", named=True))]
    '清明节、中秋节座谈会'
    >>> t[slice(*grown_list(t, 8, 11, "乌海给退役军人开过哪些座谈会？", named=False))]
    '清明节、中秋节'
    """
    grown = parallel(text, *listed(text, start, end, question), question)
    return whole_name(text, *grown, question) if named and grown != (start, end) else grown
