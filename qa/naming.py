"""Whether a passage names what a place list asks about: the thing as asked (a qualifier inside allowed), or
the way Chinese shortens it (军供站 for 军需供应站)."""
from __future__ import annotations

import re
from typing import Sequence

from embeddings.places import posseg
from qa.reading.abstain import names


def naming(text: str, things: Sequence[str], *, shortened: bool = False) -> str | None:
    """The first of the things the text names ("" when there is no thing to name: every text does), else (when
    `shortened`) the first abbreviation of one the text writes (`abbreviated`: 军供站 for 军需供应站), else None."""
    if not things:
        return ""
    named = next((t for t in things if names(text, t)), None)
    return named if named or not shortened else next((a for t in things if (a := abbreviated(text, t))), None)


def abbreviated(text: str, thing: str) -> str | None:
    """A run of the text that abbreviates the thing the way Chinese shortens a term (缩略语): two characters or more
    taken in order from it, not a contiguous part of it (a part is more general: 军人 of 退役军人), the first from its
    first word and the last from its last (jieba's words; a thing of one word has no abbreviation here).

    >>> abbreviated("全市建成军供站3个", "军需供应站"), abbreviated("纳入低保范围", "最低生活保障")
    ('军供站', '低保')
    >>> abbreviated("服务退役军人", "退役军人服务站"), abbreviated("军队供给", "军需供应站")
    (None, None)
    """
    words = [w for w, _ in posseg().cut(thing)]
    if len(words) < 2 or len(thing) < 4:
        return None
    chars = re.escape("".join(set(thing)))
    pattern = rf"[{re.escape(words[0])}][{chars}]{{0,{len(thing) - 3}}}[{re.escape(words[-1])}]"
    for found in re.finditer(pattern, text):
        run = found.group()
        if run not in thing and _in_order(run, thing):
            return run
    return None


def _in_order(run: str, thing: str) -> bool:
    """Whether the run's characters occur in the thing in order: _in_order("军供站", "军需供应站") -> True."""
    at = 0
    for c in run:
        at = thing.find(c, at) + 1
        if at == 0:
            return False
    return True
