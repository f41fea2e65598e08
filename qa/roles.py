"""People asked about by what they do, named as the passage names their role.

A person asks 赤峰村里给牲口打防疫针的人配了多少个？ where the report says 配备村级动物防疫员2460名, and 南通管那些农田的人有
多少个？ for 落实管护人员3480名: the reader, trained on questions in their passage's words, finds no 防疫员 in the
question and counts 个 where the passage counts 名. When the passage names a role (a word ending in 员 or 人员 right
before or after its count) sharing a character with what the question says the people do, the question is read
again with that role after its 的 and counted in 名 (赤峰村里给牲口打防疫针的村级动物防疫员配了多少名？): `qa.reworded.second_wording`
does it after an abstention, before the passage-words rewording.
"""
from __future__ import annotations

import re

# …的人有多少个 / …的人配了几个 / …的人员有多少: what they do, then 的人, then the count asked
PEOPLE_ASKED = re.compile(r"(?P<doing>[\u4e00-\u9fff]{2,14})的人(?:员)?(?P<rest>[^，,。；？?]{0,6}?(?:多少|几)(?P<unit>个|位|名)?)")
# a role with its count beside it: 防疫员2460名, 管护人员3480名, 3120名气象信息员
ROLE = re.compile(r"(?P<role>[\u4e00-\u9fff]{1,6}?(?:人员|员))(?=[0-9０-９]|达|共|约|近)"
                  r"|(?<=[0-9０-９][名人])(?P<after>[\u4e00-\u9fff]{1,6}?(?:人员|员))")
NOT_SHARED = set("的人员了在给把被那些这个们里上有村市县区镇乡级全")  # words of every clause, and places


def with_role(question: str, passage: str) -> str:
    """The question with the passage's role for the people it asks about by what they do, counted in 名; the question
    itself when it asks of no such people or the passage names no role sharing a character with what they do.

    >>> with_role("赤峰村里给牲口打防疫针的人配了多少个？", "配备村级动物防疫员2460名，全年检疫畜禽860万头")
    '赤峰村里给牲口打防疫针的村级动物防疫员配了多少名？'
    >>> with_role("南通管那些农田的人有多少个？", "落实管护主体1260个、管护人员3480名")
    '南通管那些农田的管护人员有多少名？'
    >>> with_role("南通管那些农田的人有多少个？", "全年维修灌排泵站268座")  # no role said: unchanged
    '南通管那些农田的人有多少个？'
    >>> with_role("南通有多少个泵站？", "管护人员3480名")  # asks of no people
    '南通有多少个泵站？'
    """
    asked = PEOPLE_ASKED.search(question)
    if asked is None:
        return question
    doing = set(asked.group("doing")) - NOT_SHARED
    roles = [m.group("role") or m.group("after") for m in ROLE.finditer(passage)]
    scored = [(len(doing & (set(r) - NOT_SHARED)), -i, r) for i, r in enumerate(roles)]
    best = max(scored, default=None)
    if best is None or best[0] < 1:
        return question
    rest = asked.group("rest")
    counted = rest[:len(rest) - len(asked.group("unit") or "")] + "名"
    return question[:asked.end("doing")] + "的" + best[2] + counted + question[asked.end():]
