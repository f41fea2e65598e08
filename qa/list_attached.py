"""The figure a passage gives of a thing, by how Chinese writes a count: the number and its measure word just
before the thing (组建759支退役军人志愿服务队) or just after it (法律咨询服务站380个, “双拥林”7个).

A ranking over places reads each place's figure with the reader; when the reader's figure counts something else
beside the thing (组织3.5万支退役军人志愿服务队、21万名退役军人志愿者: 21万名 counts 志愿者), the figure written
against the thing is taken instead (`attached_answer`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from embeddings.places import posseg, stem
from qa.quantities import Quantity, counts_alike, parse
from qa.reading.abstain import named_at
from qa.reading.answer_types import MEASURES

# two-character nouns written of many things (13个街道 are districts, 163家单位 any bodies): not looked for alone
GENERAL = frozenset("单位 街道 社区 乡镇 村庄 部门 企业 人员 地方 城市 学校 群众 项目 活动 工作 家庭 岗位".split())
PEOPLE_COUNTS = frozenset(("名", "人", "位", "人次"))  # asked how many people (人数, 人次), a report may count them either way
FIGURE = re.compile(r"(?:约|近|超过|逾)?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:多|余)?(?:万|亿|千)?(?:多|余)?"
                    r"(?:人次|场次|架次|平方米|[个名人位次场家所处户元亩项条件张座支批期份篇部台辆套栋间株棵块片起天])(?:余|多)?(?!性)")
ARTICLE = re.compile(r"^一[个次条项名家所处场支片位]$")  # 一次, 一个: an article or a count of one, not a figure
# between a figure and the thing after it: a qualifier of the thing, no clause break and no other figure
BEFORE_THING = re.compile(r"[^，。；、,.;:：！？!?\d（(]{0,12}")
# between the thing and a figure after it: a closing mark and a word of amount at most (服务站（点）14个, 林”7个)
AFTER_THING = re.compile(r"(?:[”’」》）)]|[（(][^（）()]{0,4}[）)])?(?:共|达|达到|累计|共计|总数|总计|数量|有|计|约)?")


ASKED_MEASURE = re.compile(rf"多少(人次|钱|片|[{MEASURES}])[？?]$")


def asked_family(figure: str) -> Quantity | None:
    """The measure a figure question asks in (…有多少人次？), as a quantity the figures are ranked in, else None.

    >>> asked_family("哪些地方部队义诊有多少人次？").unit, asked_family("哪些地方帮退役军人办创业贷款有多少钱？").unit
    ('人', '元')
    >>> asked_family("哪些地方建的退役军人服务站有多少？") is None
    True
    """
    asked = ASKED_MEASURE.search(figure)
    if asked is None:
        return None
    unit = {"钱": "元", "人次": "人"}.get(asked.group(1), asked.group(1))
    return Quantity(1.0, unit)


def thing_words(things: Sequence[str]) -> tuple[str, ...]:
    """The things and their tails of two words or more (志愿服务队 of 退役军人志愿服务队: a place may name its own
    team “开封老兵”志愿服务队), longest first; a tail of one word (服务站 of 法律咨询服务站) names other things too.

    >>> thing_words(["退役军人志愿服务队", "法律咨询服务站"])
    ('退役军人志愿服务队', '法律咨询服务站', '志愿服务队')
    """
    found: list[str] = []
    for thing in things:
        words = [w for w, _ in posseg().cut(thing)]
        found += [thing] + ["".join(words[i:]) for i in range(1, len(words) - 1)]  # two words or more kept
    return tuple(sorted(dict.fromkeys(found), key=len, reverse=True))


def attached(text: str, things: Sequence[str]) -> list[tuple[int, int]]:
    """Offsets of the figures the text writes against one of the things, in reading order.

    >>> t = "组织3.5万支退役军人志愿服务队、21万名退役军人志愿者，开展志愿服务活动。"
    >>> [t[s:e] for s, e in attached(t, ["退役军人志愿服务队"])]
    ['3.5万支']
    >>> t = "发放一次性经济补助金1.8亿元"
    >>> [t[s:e] for s, e in attached(t, ["经济补助金"])]
    ['1.8亿元']
    >>> t = "建立维权巡回法庭11个、法律咨询服务站380个；建设“双拥林”7个"
    >>> [t[s:e] for s, e in attached(t, ["法律咨询服务站", "双拥林"])]
    ['380个', '7个']
    """
    spans = []
    for figure in FIGURE.finditer(text):
        if ARTICLE.match(figure.group()):
            continue
        for thing in things:
            at = named_at(text[figure.end():figure.end() + 12 + len(thing) + 3], thing)
            if at is not None and BEFORE_THING.fullmatch(text[figure.end():figure.end() + at[0]]):
                spans.append(figure.span())
                break
            start = text.rfind(thing, 0, figure.start())
            if start >= 0 and AFTER_THING.fullmatch(text[start + len(thing):figure.start()]):
                spans.append(figure.span())
                break
    return spans


def attached_answer(answer, things: Sequence[str], asked: Quantity | None = None, others: Sequence[str] = ()):
    """The answer as it is when it counts one of the things in the measure `asked` (any, when None), else the
    passage's figure written against one of them (the nearest to the reader's); with none such, when the answer is
    no figure (八一, 一条), the one written against one of the `others` (what the question names beside the thing
    counted); with none such and the answer in another measure than asked, the nearest figure in the asked measure
    within the reader's sentence: an `Answer` like the reader's."""
    if answer is None:
        return answer
    text = answer.passage.text
    fits = (lambda s: True) if asked is None else (lambda s: in_measure(parse(text[s[0]:s[1]]), asked))
    spans = [s for s in attached(text, thing_words(things)) if fits(s)] if things else []
    if not spans and _no_figure(answer.text):
        spans = [s for s in attached(text, thing_words(others)) if fits(s)] if others else []
    if any(s <= answer.start < e or answer.start <= s < answer.end for s, e in spans):
        return answer
    if not spans and not fits((answer.start, answer.end)):
        left = max(text.rfind(m, 0, answer.start) for m in "。；;") + 1
        right = min((i for m in "。；;" if (i := text.find(m, answer.end)) >= 0), default=len(text))
        spans = [(left + f.start(), left + f.end()) for f in FIGURE.finditer(text[left:right])
                 if fits((left + f.start(), left + f.end()))]
    if not spans:
        return answer
    start, end = min(spans, key=lambda span: abs(span[0] - answer.start))
    return replace(answer, text=text[start:end], start=start, end=end, confidence=None, read_by="figure")


def _no_figure(text: str) -> bool:
    """Whether an answer states no count: no number with a measure word (八一), or an article (一条)."""
    found = parse(text)
    return found is None or not found.unit or bool(ARTICLE.match(text))


def with_attached(response, things: Sequence[str], asked: Quantity | None = None, others: Sequence[str] = ()):
    """The response with its best answer the figure written against one of the things (`attached_answer`)."""
    best = attached_answer(response.best, things, asked, others)
    return response if best is response.best else replace(response, answers=(best,) + response.answers[1:])


def in_measure(figure: Quantity | None, asked: Quantity) -> bool:
    """Whether a figure is in the measure a ranking asks (people counted in 人, 名, 位 or 人次 alike; things in any
    measure word of things; money in 元).

    >>> in_measure(parse("1000余人次"), Quantity(1.0, "人")), in_measure(parse("58名"), Quantity(1.0, "元"))
    (True, False)
    """
    if figure is None:
        return False
    units = {figure.unit, asked.unit}
    return figure.comparable(asked) or counts_alike(figure, asked) or units <= PEOPLE_COUNTS


def scanned(passages, things: Sequence[str], asked: Quantity | None, *, reports: Sequence[int] = (),
            places: Sequence[str] = ()) -> dict[str, tuple]:
    """Each place's first figure (in the measure `asked`, any when None) written against one of the things, found by
    reading every passage in scope (`reports`, `places`: all when empty): {place stem: (passage, start, end)}. The
    things and their tails (`thing_words`) are looked for, a two-character one only when it is a thing itself and
    not a GENERAL noun (单位, 街道: written of many things).

    >>> from embeddings.types import Passage
    >>> ps = [Passage("a", 1, "建成退役军人服务站1018个。", 0, 14, places=("芜湖市",)),
    ...       Passage("b", 2, "服务站建设有序推进。", 0, 10, places=("来宾市",))]
    >>> {place: passage.text[s:e] for place, (passage, s, e) in scanned(ps, ["服务站"], None).items()}
    {'芜湖': '1018个'}
    """
    words = tuple(w for w in thing_words(things) if len(w) >= 3 or (w in things and w not in GENERAL))
    wanted = {stem(p) for p in places}
    found: dict[str, tuple] = {}
    for passage in passages:
        if not passage.places or (reports and passage.report not in reports):
            continue
        place = stem(passage.places[0])
        if place in found or (wanted and place not in wanted) or not any(w in passage.text for w in words):
            continue
        text = passage.text
        spans = [s for s in attached(text, words) if asked is None or in_measure(parse(text[s[0]:s[1]]), asked)]
        if spans:
            found[place] = (passage, *spans[0])
    return found


def figure_of(answer) -> Quantity | None:
    """The quantity an answer states, read with the character after it: 10万块 of 10万块钱 is money, no count of things.

    >>> from embeddings.types import Passage
    >>> from qa.types import Answer
    >>> t = "买房优惠了10万块钱"
    >>> figure_of(Answer("10万块", 1.0, Passage("p", 1, t, 0, len(t)), 5, 9)).unit
    '元'
    """
    found = parse(answer.text)
    if found is not None and found.unit == "块" and answer.passage.text[answer.end:answer.end + 1] == "钱":
        return Quantity(found.value, "元", found.scale, found.inexact)
    return found
