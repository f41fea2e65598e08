"""How a listed place's part is shown: the clause of its passage naming the listed thing (建成…“双拥林”2处), a
quoted name whole, and the reason when a passage does not name it."""
from __future__ import annotations

import re
from dataclasses import replace

from qa.listed import NAMING_SUFFICES
from qa.reading.abstain import named_at
from qa.reading.decoding import tidy
from qa.types import Answer, Hit, Response

# a part the reader leaves unsure is still listed when its passage names the thing in a clause that does what
# the question asks (`acted`): listed so on the dev list sets, 8 right places and 1 wrong (docs/results.md,
# "Place lists: the thing as asked, and the clause that does it"); shown with that share, smoothed: (8 + 1) / (9 + 2)
ACTED_CONFIDENCE = 0.82


def acted(response: Response, hit: Hit, thing: str | None, verb: str, *,
          confidence: float = ACTED_CONFIDENCE) -> Response:
    """An unsure part listed after all when its passage names the thing and the clause naming it shares a
    character with the question's verb (建成…“双拥林”2处 for 建设了双拥林): its answer is that clause, with
    ACTED_CONFIDENCE; otherwise the response as it was.

    >>> from embeddings.types import Passage
    >>> text = "三是开展军民共建活动。建成总占地面积达140亩的“双拥林”2处，栽植乔松树"
    >>> r = Response("西固建设了多少双拥林？", (), ())
    >>> acted(r, Hit(Passage("r1-p1", 1, text, 0, len(text)), 1.0, 1), "双拥林", "建设").best.text
    '建成总占地面积达140亩的“双拥林”2处'
    >>> acted(r, Hit(Passage("r1-p1", 1, text, 0, len(text)), 1.0, 1), "双拥林", "悬挂").abstained
    True
    """
    at = named_at(hit.passage.text, thing) if thing and verb else None
    if at is None:
        return response
    start, end = clause(hit.passage.text, *at)
    if verb != NAMING_SUFFICES and not set(hit.passage.text[start:at[0]] + hit.passage.text[at[1]:end]) & set(verb):
        return response
    answer = Answer(hit.passage.text[start:end], 0.0, hit.passage, start, end, confidence=confidence)
    return replace(response, answers=(answer,), possible=(), reason="", reason_code="")




def shown(response: Response, thing: str | None) -> Response:
    """A listed place's answer as shown: the reader's span when it is a figure or holds the listed thing, else
    the clause of its passage that names the thing, with the reader's confidence. Asked "how many" of a
    place that did something without a count, the reader may cut a stray phrase: 哪些地方建有“八一爱民学校”？
    showed 河北（高标准完成全军）, 开封（援建） for 蔬菜大棚; the clause names what the place did.

    >>> from embeddings.types import Passage
    >>> from qa.types import Answer
    >>> text = "河北高标准完成全军首批试点，建成八一爱民学校12所。"
    >>> p = Passage("r1-p1", 1, text, 0, len(text))
    >>> r = Response("河北建了多少八一爱民学校？", (Answer("高标准完成全军", 4.0, p, 2, 9, confidence=0.9),), ())
    >>> shown(r, "八一爱民学校").answers[0].text
    '建成八一爱民学校12所'
    """
    if response.abstained or not thing:
        return response
    answer = response.answers[0]
    if thing in answer.text or re.search(r"[0-9０-９一二三四五六七八九十百千万两]", answer.text):
        return replace(response, answers=(quoted_whole(answer), *response.answers[1:]))
    at = named_at(answer.passage.text, thing)
    if at is None:
        return response
    start, end = clause(answer.passage.text, *at)
    return replace(response, answers=(replace(answer, text=answer.passage.text[start:end], start=start, end=end),
                                      *response.answers[1:]))


def quoted_whole(answer: Answer) -> Answer:
    """The answer with the quotation mark its span cut off put back: 开辟“【双拥林”，植树2000余棵】 ->
    “双拥林”，植树2000余棵; else the answer as it was."""
    text, start, end = answer.passage.text, answer.start, answer.end
    if answer.text.count("”") > answer.text.count("“") and start > 0 and text[start - 1] == "“":
        start -= 1
    if answer.text.count("“") > answer.text.count("”") and end < len(text) and text[end] == "”":
        end += 1
    return answer if (start, end) == (answer.start, answer.end) else replace(answer, text=text[start:end], start=start,
                                                                             end=end)


def clause(text: str, start: int, end: int, *, reach: int = 30) -> tuple[int, int]:
    """The clause around text[start:end] (to a comma or sentence end, else to a 、, at most `reach` characters
    on either side), without edge marks.

    >>> t = "三是开展军民共建活动。建成总占地面积达140亩的“双拥林”2处，栽植乔松树"
    >>> t[slice(*clause(t, 26, 29))]
    '建成总占地面积达140亩的“双拥林”2处'
    """
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    for stops in ("，。；！？\n,;!?—", "、"):  # a 、 only on a side no comma, dash or sentence end bounds
        left = [i + 1 for i in range(lo, start) if text[i] in stops]
        right = [i for i in range(end, hi) if text[i] in stops]
        lo = left[-1] if left and (stops != "、" or lo == max(0, start - reach)) else lo
        hi = right[0] if right and (stops != "、" or hi == min(len(text), end + reach)) else hi
    return tidy(text, lo, hi)


def unnamed(response: Response, thing: str) -> Response:
    """A list part whose passage never names what the list asks about: not listed, and said why."""
    return replace(response, answers=(), reason=f"段落中没有提到“{thing}”", reason_code="not_named")
