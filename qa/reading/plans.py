"""Plans and targets told from facts: a report's "下一步打算" says what a place means to do, not what it did.

A question about what was done ("去年修了多少公里？", "现在是多少？") must not be answered with a plan's figure
("2024年，计划新改建农村公路300公里，力争优良中等路率提高到94%。"). A span is a plan's when its clause (from the
last comma or stop before it) holds a plan marker before it, or its passage sits under a plan heading; a question
is about plans when it says so itself (计划, 目标, 力争, 预计, 明年, …).

The reader (qa.reading.reader) reads the other passages too when the best answer so far is a plan's (for a question
about plans: a fact's), and puts a fact's answer of the asked kind before any plan's (a plan's before a fact's); the
margin it reports is then that answer's own.
"""
from __future__ import annotations

import re

from embeddings.types import Passage
from qa.reading.alternatives import APPROX, UNITS
from qa.reading.events import SENTENCE_END
from qa.types import Answer

# before the span in its clause: 力争 / 预计 / 拟 / 计划 followed by a verb (not 安置计划分配, a noun)
PLAN_MARKER = re.compile(r"力争|全力争创|预计|(?<![安置招生])计划(?:新|再|全年|年内|完成|建成|实现|投入|开工|建设|改造|新建|举办|开展|到)"
                         r"|拟(?:新|建(?!的)|投|于|在)|明年|下一步")  # 为拟建的…中心筹措: a fact
# the clause's own fact marker after the plan marker ("规划建设国防园，目前已投入600万元" is a fact)
FACT_MARKER = re.compile(r"已|目前|累计|截至|实际")
# a sentence opening with a year's or the next step's plan: each of its clauses is planned (measured on the new users'
# collections, whose reports close with "2024年，计划…，新增…": docs/results.md, "Thirty-second session")
PLAN_SENTENCE = re.compile(r"\s*(?:(?:20[0-9]{2}|明)年(?:起|内)?|下一步|今后)[，,]?(?:全市|我市|全县|全区|全省)?"
                           r"(?P<marker>计划|力争|预计|拟)")
PLAN_HEADING = re.compile(r"下一步|打算|工作计划|工作目标|目标任务|工作思路|展望|明年")
CLAUSE_END = "，,；;。！？!?：:\n"
UNIT_ONLY = re.compile(f"^[{APPROX}]*[{UNITS}公里米]+$")  # a unit without its figure (alternatives' units, lengths)
CLAUSE_END_CHARS = re.compile(r"[，,；;。！？!?]")
# a plan asked of (争取到的资金 and 准备了…物资 were got and done: no plan)
ASKS_PLAN = re.compile(r"计划|目标|力争|预计|打算|规划(?![了过的])|明年|下一步|今后|未来|准备(?![了过好的])|将要|要达到"
                       r"|争取(?![到来了过的])|接下来|要争")


NOW_ASKED = re.compile(r"现在|目前|如今|眼下|当前")  # the value now asked: a plan's figure never answers it
NOT_NOW = -50.0  # the margin then reported: below any threshold and hedge


def asks_plan(question: str) -> bool:
    """Whether a question asks about a plan or target.

    asks_plan("嘉兴明年计划修多少公里农村路？") -> True; asks_plan("嘉兴去年一共修了多少公里农村路？") -> False
    """
    return bool(ASKS_PLAN.search(question))


def in_plan(passage: Passage, start: int) -> bool:
    """Whether the span starting at `start` of the passage states a plan or target.

    For "2024年，计划新改建农村公路300公里，力争优良中等路率提高到94%。": 300公里 (clause "计划新改建农村公路")
    and 94% (clause "力争优良中等路率提高到") are; 286公里 of "2023年，全市新改建农村公路286公里" is not.
    """
    return PLAN_HEADING.search(passage.section or "") is not None or plan_marker(passage, start) is not None


def plan_marker(passage: Passage, start: int) -> str | None:
    """The plan marker of the clause before `start` (计划新, 力争, 拟建), not followed by a fact marker, or of the
    sentence when it opens with a year's plan (2024年，计划新建…，新增网点20个: 20个 is planned too), else None.

    >>> t = "2024年，计划新建仓容15万吨，新增应急供应网点20个。全市有应急供应网点136个。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> plan_marker(p, t.index("20个")), plan_marker(p, t.index("136个"))
    ('计划', None)
    """
    text = passage.text
    begin = max(text.rfind(c, 0, start) for c in CLAUSE_END) + 1
    clause = text[begin:start]
    found = None
    for found in PLAN_MARKER.finditer(clause):
        pass
    if found is not None:
        return found.group() if not FACT_MARKER.search(clause, found.end()) else None
    sentence = text[max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1:start]
    opening = PLAN_SENTENCE.match(sentence)
    return opening.group("marker") if opening and not FACT_MARKER.search(sentence, opening.end()) else None


def facts_first(answers: list[Answer], question: str, margin: float) -> tuple[list[Answer], float]:
    """Answers with a fact's before a plan's, and the margin to report, for a question not about plans; a plan's
    before a fact's for a question about plans (十堰接下来要争的是几连冠？ is 九连冠 of 全力争创…“九连冠”, not the
    八连冠 it holds).

    When the best answer is of the other kind and an answer of the asked kind holding a figure or a name is among
    the candidates, that one leads and the margin is its own (so a weak fact is "not found", never a plan's
    confidence); otherwise nothing changes.

    >>> t = "成为全国双拥模范城“八连冠”城市。全力争创全国双拥模范城“九连冠”。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> won, aim = Answer("八连冠", 2.0, p, 10, 13, reader_score=2.0), Answer("九连冠", 1.0, p, 29, 32, reader_score=1.0)
    >>> [a.text for a in facts_first([won, aim], "十堰接下来要争的是几连冠？", 2.0)[0]]
    ['九连冠', '八连冠']
    >>> [a.text for a in facts_first([aim, won], "十堰是全国双拥模范城几连冠？", 1.0)[0]]
    ['八连冠', '九连冠']
    >>> facts_first([aim], "十堰现在是几连冠？", 1.0)[1], facts_first([aim], "十堰是几连冠？", 1.0)[1]  # only a plan's
    (-50.0, 1.0)
    """
    if not leads_with_other(answers, question):
        return answers, margin
    planned = asks_plan(question)
    for i, answer in enumerate(answers):
        if in_plan(answer.passage, answer.start) == planned and _whole(answer):
            rest = answers[:i] + answers[i + 1:]
            return [answer, *rest], min(margin, answer.reader_score)
    # 现在到多少了？ with only a plan's figure (力争…提高到93%) found: "not found", never the plan for now
    return answers, margin if planned or not NOW_ASKED.search(question) else min(margin, NOT_NOW)


def leads_with_other(answers: tuple[Answer, ...] | list[Answer], question: str) -> bool:
    """Whether the best answer is a plan's for a question not about plans, or a fact's for a question about plans
    (the reader then reads on)."""
    return bool(answers) and asks_plan(question) != in_plan(answers[0].passage, answers[0].start)


def _whole(answer: Answer) -> bool:
    """Not a unit or a clause fragment: "286公里", "杨伦" are whole; "公里", "计划新改建农村公路300" are not."""
    text = answer.text.strip()
    return len(text) >= 2 and not UNIT_ONLY.match(text) and not CLAUSE_END_CHARS.search(text)


def kind_asked_first(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """The answers with those of the kind the question asks (a fact's, or a plan's when it asks about plans) before
    the others, each group in its order, told apart as `facts_first` tells them (`in_plan`): the reorders after the
    reader (qa.reading.abstain.decide) never bring a plan's figure back ahead of the fact `facts_first` put first
    (南充城乡供水一共投了多少钱？ is not 计划完成…投资12亿元).

    >>> t = "全年投资14.7亿元。2024年，计划完成城乡供水投资12亿元。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> plan, fact = Answer("12亿元", 2.0, p, 27, 31), Answer("14.7亿元", 1.0, p, 4, 10)
    >>> [a.text for a in kind_asked_first("城乡供水一共投了多少钱？", (plan, fact))]
    ['14.7亿元', '12亿元']
    >>> [a.text for a in kind_asked_first("明年计划完成多少投资？", (fact, plan))]  # the plan's marker said: a plan asked
    ['12亿元', '14.7亿元']
    >>> t = "为拟建的国防教育中心筹措资金902万元，24万余元用于消费扶贫"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> named, other = Answer("902万元", 2.0, p, 14, 19), Answer("24万余元", 1.0, p, 20, 25)
    >>> [a.text for a in kind_asked_first("为拟建的国防教育中心筹了多少钱？", (named, other))]  # 拟建的 names the centre
    ['902万元', '24万余元']
    """
    planned = asks_plan(question)
    asked = [in_plan(a.passage, a.start) == planned for a in answers]
    if not any(asked):
        return answers
    return tuple(a for a, ok in zip(answers, asked) if ok) + tuple(a for a, ok in zip(answers, asked) if not ok)
