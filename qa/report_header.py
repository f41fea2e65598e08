"""Questions about a report itself, answered from its header: its date (那篇综述是哪天写的？) or its title.

A report's title, subtitle and date are its header, kept beside the body text (`embeddings.types.Report.text`) whose
offsets every read answer is cut from. A question about the report itself is answered here, from the header of the
report about the place it names (or the one report its passages come from), with `read_by="header"`: the answer's
passage is the header itself ("title\\nsubtitle\\n（date）", section 标题和日期, paragraph 0, offsets 0:0 in the body), so a citation
names the report and no body offsets.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from embeddings.types import Passage, Report
from qa.reading.places import stem
from qa.types import Answer, Hit

# the report itself: 那篇 / 这份 / 报告 / 综述 / 稿子 …
DOC = r"(?:报告|综述|文章|稿子|稿件|材料|总结|文稿|通讯|[这那本该此两][篇份]|篇|份)[》”\"]?"  # 《…综述》的日期
WHEN = r"(?:哪一?天|哪一?年|哪日|几号|几月几[日号]|什么(?:时候|时间|日子)|啥(?:时候|时间|日子)|何时|哪个?时候|日期|时间|日子)"
# words between the report and the date asked: 是 / 写于 / 发布的 / 落款 …
FILL = r"(?:是|的|得|在|于|写|写成|写好|发|发布|发表|印发|出|出来|成稿|形成|署|标|标的|注明|上|里)*"
END = r"(?:是|的|写|发|发布|出来|成稿|多少|什么|啥|哪一?天|哪一?年|呢|吗|啊|呀|了)*[？?！!。.]*$"
GAP = r"(?:[，,]\s*)?"  # 那篇文章，日期写的是哪天？
ASKS_DATE = re.compile(rf"落款|{DOC}{GAP}{FILL}{WHEN}{END}|{WHEN}{FILL}(?:[这那]?[篇份])?{DOC}{END}")
TITLE = r"(?:大?标题|题目|题名|名字|名称|全称|副标题)"
ASKS_TITLE = re.compile(rf"{DOC}{GAP}{FILL}(?:{TITLE}{FILL}(?:叫|是)?|叫|题为)(?:什么|啥|哪个)(?:名字|标题)?{END}"
                        rf"|{DOC}{GAP}(?:主要|大概|大致)?(?:讲|说|写)(?:了|的)?(?:是)?(?:些)?(?:什么|啥)(?:内容|事|事儿)?{END}"
                        rf"|{DOC}{GAP}{FILL}{TITLE}{END}")
HEADER_PARAGRAPH = 0
HEADER_SECTION = "标题和日期"


def asks_of_report(question: str) -> str:
    """What a question asks of a report itself: "date", "title", "subtitle" or "" (a question about what it says).

    >>> asks_of_report("芜湖那篇双拥工作综述，是哪天的稿子？"), asks_of_report("这篇报告是什么时候写的？")
    ('date', 'date')
    >>> asks_of_report("邯郸那两篇双拥工作综述，哪篇落款的日子早一点？"), asks_of_report("张掖那篇报告的标题是什么？")
    ('date', 'title')
    >>> asks_of_report("报告里说张掖哪天召开了双拥大会？"), asks_of_report("张掖的双拥大会是什么时候开的？")
    ('', '')
    """
    question = re.split(r"[；;]", question.strip())[-1] or question
    if ASKS_DATE.search(question):
        return "date"
    if ASKS_TITLE.search(question):
        return "subtitle" if "副标题" in question else "title"
    return ""


def header_passage(report: Report, pages: tuple[int, ...] = ()) -> Passage:
    """The header of a report as a passage: its title, subtitle and date, one a line (the date in （）).

    >>> header_passage(Report(1, "擦亮新品牌", "张掖市工作综述", "2023年8月3日", "a.txt", "…")).text
    '擦亮新品牌\\n张掖市工作综述\\n（2023年8月3日）'
    """
    lines = [x for x in (report.title, report.subtitle) if x] + ([f"（{report.date}）"] if report.date else [])
    return Passage(f"r{report.number:03d}-header", report.number, "\n".join(lines), 0, 0, report.title,
                   report.subtitle, report.date, HEADER_SECTION, HEADER_PARAGRAPH, report.places, report.source, pages[:1])


def header_answer(report: Report, asked: str, pages: tuple[int, ...] = ()) -> Answer | None:
    """The answer a report's header gives to what is asked of it ("date", "title", "subtitle"); None when the header
    does not say (a report without a date)."""
    passage = header_passage(report, pages)
    text = {"date": report.date, "title": report.title or report.subtitle,
            "subtitle": report.subtitle}.get(asked, "")
    start = passage.text.find(text) if text else -1
    if start < 0:
        return None
    return Answer(text, 1.0, passage, start, start + len(text), read_by="header")


def asked_reports(named: Sequence[str], reports: Iterable[Report], hits: Sequence[Hit], question: str = ""
                  ) -> list[Report]:
    """The reports a question about a report itself means: the one whose title it quotes in 《》, else those about
    the places it names, in the order the retriever ranked them; with no place named, the one report every hit
    comes from (a search within one report)."""
    reports = list(reports)
    order = {h.passage.report: i for i, h in reversed(list(enumerate(hits)))}
    titled = [r for r in reports if any(t in (r.title, r.subtitle) for t in re.findall(r"《([^《》]{4,})》", question))]
    if titled:  # 《双鸭山市双拥办、市退役军人事务局双拥工作综述》是哪天的？: the report of that title
        return titled
    if named:
        chosen = [r for r in reports if {stem(p) for p in r.places} & {stem(n) for n in named}]
    else:
        chosen = [r for r in reports if len(order) == 1 and r.number in order]
    return sorted(chosen, key=lambda r: (order.get(r.number, len(order)), r.number))


def header_answers(question: str, named: Sequence[str], reports: Iterable[Report], hits: Sequence[Hit]
                   ) -> tuple[Answer, ...]:
    """The answers of a question about a report itself, best first: () when it asks of what the report says, or
    names no report whose header says it."""
    asked = asks_of_report(question)
    if not asked:
        return ()
    first = {}  # the first page of each report a hit was read from (a PDF's or a scan's header is on it)
    for h in hits:
        if h.passage.pages:
            first[h.passage.report] = min(first.get(h.passage.report, h.passage.pages[0]), h.passage.pages[0])
    found = (header_answer(r, asked, (first[r.number],) if r.number in first else ())
             for r in asked_reports(named, reports, hits, question))
    return tuple(a for a in found if a is not None)
