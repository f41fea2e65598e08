"""Which place of the collection has the most or the least of something (哪个城市建的退役军人服务站最多？):
every place naming what is counted asked its figure, the figures of one measure ranked, each cited.

The figures are read as a bounded list reads them (`qa.list_bounds.bounded_parts`, with no bound); the answer
is the first of the ranking, with the next two beside it, so a reader sees what it was ranked against.
"""
from __future__ import annotations

import re
from collections import Counter

from qa.kinds import DIRECTIONS, EVERY_PLACE, MOST, WHICH_PLACE, QuestionKind
from qa.list_attached import ARTICLE, asked_family, figure_of, in_measure, scanned
from qa.list_bounds import Bounded, bounded_parts, counted_things, figure_for
from qa.list_ranked import figure_asked, measured, plain_most
from qa.quantities import Quantity
from qa.reading.answer_types import MEASURES
from qa.types import Answer, Hit, Part, Response

WORDS = {"more": "最多", "less": "最少"}
# what a ranking of figures counts, said as a word that counts (…的次数最多): what it counts is before it
COUNT_WORDS = re.compile(r"的?(?:次数|数量|人数|人次|场次|户数|数目|总数|规模|金额|面积)$")
SHOWN_AFTER = 2  # places shown after the first, ranked


def asked_most(question: str) -> tuple[str, Bounded] | None:
    """The direction and the figure question of a question asking which place has the most (or least) of a
    thing, with no place named (the caller checks that); None for any other question.

    >>> direction, b = asked_most("哪个城市建的退役军人服务站最多？")
    >>> direction, b.figure, b.head
    ('more', '哪些地方建的退役军人服务站有多少？', '建的退役军人服务站')
    >>> asked_most("悬挂光荣牌最少的是哪个地方？")[1].figure
    '悬挂光荣牌多少的是哪些地方？'
    >>> asked_most("哪个城市的双拥工作最有特色？") is None, asked_most("哪个部队驻扎的时间最长？") is None
    (True, True)
    """
    which, most = WHICH_PLACE.search(question), MOST.search(question)
    if which is None or most is None:
        return None
    direction = DIRECTIONS[most.group(1)]
    plain = plain_most(question)  # said in many clauses: the thing counted, asked plainly
    if plain is not None:
        figure = figure_asked(*plain)
        return direction, Bounded(None, figure, figure, plain[0])
    after = question[most.end():]
    ask = "多少" if after.startswith("的") or question[:most.start()].endswith(("有", "的")) else "有多少"
    text = question[:most.start()] + ask + after
    shift = len(ask) - (most.end() - most.start()) if most.start() < which.start() else 0
    figure = text[:which.start() + shift] + "哪些地方" + text[which.end() + shift:]
    head = COUNT_WORDS.sub("", re.sub(r"[，,]?哪些地方[，,]?", "", figure[:figure.index(ask)]))
    figure = measured(figure)  # …场次有多少 -> …有多少场
    return direction, Bounded(None, figure, figure, head)


def asked_each_place(question: str) -> Bounded | None:
    """The figure question of a question asking every place's figure (各地…分别有多少个？, 每个城市…多少？), None for
    any other question.

    >>> asked_each_place("各地建的退役军人服务站分别有多少个？").figure
    '哪些地方建的退役军人服务站有多少个？'
    >>> asked_each_place("每个城市悬挂了多少光荣牌？").head
    '哪些地方悬挂了光荣牌'
    """
    every = EVERY_PLACE.search(question)
    if every is None or not re.search(r"多少|几", question[every.end():]):
        return None
    figure = question[:every.start()] + "哪些地方" + re.sub(r"分别|各自", "", question[every.end():])
    asked = re.sub(rf"(?:有|是)?(?:多少|几)[{MEASURES}]?", "", figure).rstrip("？?")  # what is counted, before or after
    return Bounded(None, figure, figure, COUNT_WORDS.sub("", asked))


def most_parts(assistant, direction: str, bounded: Bounded, *, reports: list[int], places) -> tuple[list[Part], dict]:
    """Each place's part with its figure (`bounded_parts`), those answered in the most common measure ranked
    by `direction` ("more": largest first); the places without a figure in that measure left out."""
    parts, read = bounded_parts(assistant, bounded, QuestionKind("list"), reports=reports, places=places)
    parts = with_scanned(assistant, bounded, parts, reports=reports, places=places)
    figures = {p.place: figure_of(p.answer) if p.answer and not ARTICLE.match(p.answer.text) else None
               for p in parts}  # 一位, 一个: an article, no figure to rank
    family = asked_family(bounded.figure) or _common_family([q for q in figures.values() if q is not None])
    ranked = sorted((p for p in parts if family and in_measure(figures[p.place], family)),
                    key=lambda p: figures[p.place].value, reverse=direction == "more")
    return ranked, read


def with_scanned(assistant, bounded: Bounded, parts: list[Part], *, reports: list[int], places) -> list[Part]:
    """The parts, with a place the reader gave no figure for (in the measure asked) answered by the figure its
    report writes against the thing counted (`qa.list_attached.scanned`: 570个景区, 为近6千名退役军人申办优待证),
    where one is written."""
    measure = asked_family(bounded.figure)
    found = scanned(assistant.retriever.passages, counted_things(bounded.head), measure, reports=reports,
                    places=list(places or []))
    answered = {p.place for p in parts if p.answer and (measure is None or in_measure(figure_of(p.answer), measure))}
    added = []
    for place, (passage, start, end) in found.items():
        if place in answered:
            continue
        question = figure_for(bounded, place)[0]
        answer = Answer(passage.text[start:end], 0.0, passage, start, end, read_by="figure")
        added.append(Part(place, question, Response(question, (answer,), (Hit(passage, 0.0, 1),), kind="single",
                                                    question_used=question)))
    return [p for p in parts if p.place in answered or p.place not in found] + added


def _common_family(found: list[Quantity]) -> Quantity | None:
    """A quantity of the measure most figures are in (those a ranking may put side by side counted together:
    `qa.list_attached.in_measure`), None without figures."""
    if not found:
        return None
    counts = Counter(next(j for j, o in enumerate(found) if in_measure(o, q)) for q in found)
    return found[counts.most_common(1)[0][0]]


def each_response(question: str, parts: list[Part], timings: dict) -> Response:
    """Every place's figure, largest first ("共8个地方给出了数字：连云港（近14万块）、广安（12万余张）…"), or "not found"
    when no place gave one."""
    if not parts:
        return Response(question, (), (), timings, reason="没有一个报告给出这个数字", reason_code="no_part", kind="list",
                        question_used=question)
    shown = "、".join(f"{p.place}（{p.answer.text}）" for p in parts)
    return Response(question, tuple(p.answer for p in parts), tuple(h for p in parts for h in p.response.hits[:1]),
                    timings, kind="list", summary=f"共{len(parts)}个地方给出了数字：{shown}", parts=tuple(parts),
                    question_used=question)


def most_response(question: str, direction: str, parts: list[Part], timings: dict) -> Response:
    """The ranking's summary ("汉中（2376个）最多，其次是濮阳（2024个）、广安（1847个）"), or "not found" when no
    place gave a figure."""
    if not parts:
        return Response(question, (), (), timings, reason="没有一个报告给出可以比较的数字", reason_code="no_part",
                        kind="compare", question_used=question)
    values = [figure_of(p.answer).value for p in parts]  # as ranked
    tied = [p for p, v in zip(parts, values) if v == values[0]]
    rest = parts[len(tied):len(tied) + SHOWN_AFTER]
    summary = "、".join(f"{p.place}（{p.answer.text}）" for p in tied) + ("并列" if len(tied) > 1 else "") + WORDS[direction]
    if rest:
        summary += "，其次是" + "、".join(f"{p.place}（{p.answer.text}）" for p in rest)
    summary += f"（比较了{len(parts)}个给出数字的地方）"
    return Response(question, tuple(p.answer for p in parts), tuple(h for p in parts[:3] for h in p.response.hits[:2]),
                    timings, kind="compare", summary=summary, parts=tuple(parts), question_used=question)
