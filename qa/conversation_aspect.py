"""A follow-up that names only an area of work (军事用地这块呢？): what the place talked about did there.

After 部队来演训的时候，漳州帮着解决哪些问题？ a person asks 军事用地这块呢？: a new area, asked as openly as before. Reports
write such areas as 在军事用地方面，全力支持…; the follow-up is asked as 漳州在军事用地方面做了什么？.
`qa.conversation` tries it after the bare thing found no word of the last question to replace.
"""
from __future__ import annotations

import re
from typing import Iterable

from qa.kinds import named_in_order

AREA_SAID = re.compile(r"(?:这|那)一?(?:块|方面)|方面|领域")  # 这块 / 这方面 / 住房方面 name an area of work
COUNT_ASKED = re.compile(r"多少|几")


def area_asked(core: str, question: str, last: str, known: Iterable[str]) -> str | None:
    """The follow-up asked as what the last question's place did in the area it names, when it names one with 这块 /
    方面 and the last question asked no count (投了多少钱？ then 培训这块呢？ asks the money again); else None.

    >>> area_asked("军事用地", "军事用地这块呢？", "部队来演训的时候，漳州帮着解决哪些问题？", ["漳州"])
    '漳州在军事用地方面做了什么？'
    >>> area_asked("军事用地", "军事用地呢？", "漳州帮着解决哪些问题？", ["漳州"]) is None  # no area said
    True
    """
    if not AREA_SAID.search(question) or COUNT_ASKED.search(last):
        return None
    places = named_in_order(last, set(known))
    return f"{places[0] if places else ''}在{core}方面做了什么？"
