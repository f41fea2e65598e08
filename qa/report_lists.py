"""Questions over the collection's headers: how many reports there are (一共有多少篇报告？), which reports' titles hold a word (标题里带“新时代”的是哪几篇？), which
were dated in a month (落款在2023年5月的有哪几篇？), which is dated first or last (哪篇落款最早？).

Each is answered from every report's title, subtitle and date (`qa.report_header`), not from passages: the
response is a list (kind "list") of the reports that fit, one part each with its header answer, or the earliest or
latest first (kind "compare"), or "not found" saying that no header fits.
"""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import stem
from embeddings.types import Report
from qa.quantities import when
from qa.report_header import header_answer
from qa.types import Part, Response

QUOTED = r"[“\"‘'「《]([^”\"’'」》]{1,12})[”\"’'」》]"
TITLE_HOLDS = re.compile(r"(?:标题|题目|题名|篇名|大标题|副标题)(?:里|中|上|当中)?(?:都|也|还)?"
                         r"(?:有|带|带有|含|含有|包含|出现|出现了|用了|提到|写着|写了|用到|嵌着)")
BARE_WORD = re.compile(r"(?:有|带|含|包含|出现|用了|提到|写着|写了|用到)了?([^，,。？?“”\"]{1,8}?)(?:这|那)?(?:两个|三个|四个|几个)?(?:字|词)")
DATED = r"(?:落款|日期|写于|写成|成稿|发布|印发|发表|署)"
MONTH = re.compile(rf"{DATED}[^，,。？?]{{0,4}}?(?:(\d{{4}})年)?(\d{{1,2}})月份?|(?:(\d{{4}})年)?(\d{{1,2}})月份?(?:写|发|落款|成稿|发布)")
# the collection itself: 一共有多少篇报告？ 都有哪些报告？
WHOLE = re.compile(r"^(?:这里|这批|这个合集|合集里?|库里|你这里|系统里|里面|现在)?(?:都|一共|总共|共)?"
                   r"(?:有|收了|收录了|包含|包括)?(?:多少|几|哪些)(?:篇|份)?(?:报告|综述|文章|材料)(?:呢|啊)?[？?]*$")
# a question over the reports themselves: 哪几篇 / 哪篇 / 哪些报告 / 落款 …
OF_REPORTS = re.compile(r"篇|报告|综述|稿|落款|文章|材料")
FIRST = re.compile(rf"{DATED}[^，,。？?]{{0,4}}最(早|晚|新|近)|最(早|晚|新|近)(?:的|落款|写|发|成稿)[^，,。？?]{{0,3}}(?:报告|综述|一篇|篇)")


def asked_words(question: str) -> list[str]:
    """The words a title must hold, when the question asks which titles hold them.

    >>> asked_words("哪些城市的报告标题里带“新时代”？"), asked_words("题目里有“创建”或者“争创”的是哪几篇？")
    (['新时代'], ['创建', '争创'])
    >>> asked_words("标题里出现双拥两个字的有几篇？"), asked_words("哪些城市建了双拥公园？")
    (['双拥'], [])
    """
    found = TITLE_HOLDS.search(question)
    if not found:
        return []
    rest = question[found.end():]
    words = re.findall(QUOTED, rest)
    if not words and (bare := BARE_WORD.search(question[found.start():])):
        words = [bare.group(1)]
    return words


def dated_month(question: str) -> tuple[int | None, int] | None:
    """(year or None, month) when the question asks which reports are dated in that month.

    >>> dated_month("这批综述里，落款日期在2023年5月的有哪几篇？"), dated_month("哪几篇是8月份写的？")
    ((2023, 5), (None, 8))
    >>> dated_month("哪些城市在2023年5月举办了双拥活动？") is None
    True
    """
    found = MONTH.search(question)
    if not found:
        return None
    y1, m1, y2, m2 = found.groups()
    year = y1 or y2
    return (int(year) if year else None, int(m1 or m2))


def _place(report: Report) -> str:
    return stem(report.places[0]) if report.places else (report.subtitle or report.title or f"报告{report.number}")


def _part(report: Report, asked: str, question: str) -> Part | None:
    answer = header_answer(report, asked)
    if answer is None:
        return None
    return Part(_place(report), question, Response(question, (answer,), (), question_used=question))


def header_list(question: str, reports: Iterable[Report]) -> Response | None:
    """The answer to a question over the collection's headers, or None when the question asks none (the reports,
    which may be a generator, are then never read: this runs before every question)."""
    about_reports = OF_REPORTS.search(question) and re.search(r"哪|几篇|几份|多少篇", question)
    whole, words = WHOLE.search(question.strip()), asked_words(question)
    month = dated_month(question) if about_reports else None
    first = FIRST.search(question) if about_reports else None
    if not (whole or words or month or first):
        return None
    reports = list(reports)
    if whole:
        parts = [p for r in reports if (p := _part(r, "title", question))]
        if not parts:
            return Response(question, (), (), reason="索引中还没有报告", reason_code="no_part", kind="list",
                            question_used=question)
        return _response(question, parts, "list", f"共{len(parts)}篇：" + _places(parts))
    if words:
        fit = [r for r in reports if any(w in r.title or w in r.subtitle for w in words)]
        parts = [p for r in fit if (p := _part(r, "title" if any(w in r.title for w in words) else "subtitle", question))]
        missing = f"没有哪篇报告的标题含“{'”或“'.join(words)}”"
    elif month:
        fit = [r for r in reports if (d := when(r.date)) and len(d) >= 2 and d[1] == month[1]
               and month[0] in (None, d[0])]
        parts = [p for r in fit if (p := _part(r, "date", question))]
        missing = f"没有哪篇报告的落款日期在{month[0] or ''}{'年' if month[0] else ''}{month[1]}月"
    elif first:
        dated = sorted((r for r in reports if when(r.date)), key=lambda r: when(r.date))
        if first.group(1) in ("晚", "新", "近") or first.group(2) in ("晚", "新", "近"):
            dated.reverse()
        parts = [p for r in dated[:3] if (p := _part(r, "date", question))]
        if not parts:
            return Response(question, (), (), reason="报告都没有落款日期，无法比较早晚", reason_code="no_part",
                            kind="compare", question_used=question)
        word = "最早" if (first.group(1) or first.group(2)) == "早" else "最晚"
        tied = [p for p in parts if when(p.answer.text) == when(parts[0].answer.text)]
        rest = parts[len(tied):]
        summary = "、".join(f"{p.place}（{p.answer.text}）" for p in tied) + ("并列" if len(tied) > 1 else "") + word
        summary += ("，其次是" + "、".join(f"{p.place}（{p.answer.text}）" for p in rest)) if rest else ""
        return _response(question, parts, "compare", summary)
    if not parts:
        return Response(question, (), (), reason=missing, reason_code="no_part", kind="list", question_used=question)
    return _response(question, parts, "list", _places(parts))


def _places(parts: list[Part]) -> str:
    """The places of the parts in order, a place of several reports once with their number: "张掖（2篇）、芜湖"."""
    counts: dict[str, int] = {}
    for p in parts:
        counts[p.place] = counts.get(p.place, 0) + 1
    return "、".join(f"{place}（{n}篇）" if n > 1 else place for place, n in counts.items())


def _response(question: str, parts: list[Part], kind: str, summary: str) -> Response:
    return Response(question, tuple(p.answer for p in parts), (), {}, kind=kind, summary=summary, parts=tuple(parts),
                    question_used=question)
