"""Abstention checks beyond the reader's own "no answer" score.

Four questions the reader's margin cannot answer, each read off the question and the answer alone:
- does the question name a place no report covers? (`unknown_places`)
- is the answer cut from a report about another place than the one the question names? (`off_place`)
- does a count question get a number of something else, e.g. 多少名 answered by "11场"? (`unit_mismatch`)
- does the passage name what the question counts near the answer, e.g. 随军家属 for 多少名随军家属?
  (`uncounted`)
Nothing here is specific to one collection: places come from the reports of the index.
"""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import GENERIC, PLACE_SUFFIX, posseg, stem
from qa.reading.answer_types import COUNT_WORDS, NUM, expected_type

# jieba tags words such as 上门, 英雄, 治安 as places (ns). A question's place is either a word with an
# administrative suffix (南京市) or the question's leading word (南京获得过几次…), which is where users put it.
LEADING_TAGS = {"m", "t", "p", "c", "x", "q", "mq", "u", "uj", "f"}


def question_places(question: str) -> list[str]:
    """Place names in a question: words tagged ns that end in 省/市/县/区/… or lead the question.

    question_places("2022年在南京举办的活动上门服务了多少户？") -> ["南京"]
    """
    found, leading = [], True
    for word, flag in posseg().cut(question):
        if flag == "ns" and len(word) >= 2 and word not in GENERIC and (leading or PLACE_SUFFIX.search(word)):
            found.append(word)
        if flag not in LEADING_TAGS:
            leading = False
    return found


def unknown_places(question: str, known: Iterable[str], passage_text: str = "") -> list[str]:
    """Place names in the question that no report of the index names and the passage does not mention.

    unknown_places("南京市获得过几次双拥模范城称号？", {"张掖市", "漳州"}) -> ["南京市"]
    """
    known_stems = {stem(p) for p in known}
    return [w for w in question_places(question) if stem(w) not in known_stems and stem(w) not in passage_text]


def named_places(question: str, known: Iterable[str]) -> list[str]:
    """The known places (by stem) that the question names: "张掖累计划拨了…" with {"张掖市"} -> ["张掖"]."""
    stems = {stem(p) for p in known if len(stem(p)) >= 2}
    return sorted(s for s in stems if s in question)


def off_place(question: str, known: Iterable[str], report_places: Iterable[str], report_text: str,
              heading: str = "") -> list[str]:
    """The places the question names that the answer's report is not about and never mentions.

    A question about 来宾 answered from a report about 连云港 that never names 来宾 -> ["来宾"]: the answer
    is another city's figure. A province the report mentions (河北 in a report on 邯郸) is not off place.
    """
    return unmentioned(named_places(question, known), report_places, report_text, heading)


def unmentioned(named: Iterable[str], report_places: Iterable[str], report_text: str, heading: str = "") -> list[str]:
    """The place stems of `named` that a report is not about and never mentions (see `off_place`)."""
    own = {stem(p) for p in report_places}
    return [p for p in named if p not in own and p not in report_text and p not in heading]


UNIT_END = re.compile(rf"^{NUM}([\u4e00-\u9fff]{{1,2}})$")


def unit_mismatch(question: str, answer: str) -> bool:
    """True when the question counts one thing (多少名, 几路) and the answer is a number of another.

    unit_mismatch("帮多少名退役军人实现了就业？", "11场") -> True; ("…多少名…", "1200多人") -> False.
    A bare number, a 多少个 question (any measure answers it) or a question without a measure word is never
    a mismatch.
    """
    atype = expected_type(question)
    if atype is None or not atype.name.startswith("count-") or atype.name == "count-个":
        return False
    text = answer.strip()
    return UNIT_END.match(text) is not None and not atype.matches(text)


COUNTED_REACH = 40  # characters on each side of the answer; chosen on the dev split (20 abstained on too many)


def counted_noun(question: str) -> str | None:
    """The thing a count question counts: the first noun after 多少名 / 几个 / …, or None.

    counted_noun("吴忠这些年安置了多少名随军家属？") -> "随军家属"; counted_noun("投入了多少钱？") -> None.
    """
    match = COUNT_WORDS.search(question)
    if not match:
        return None
    for word, flag in posseg().cut(question[match.end():]):
        if (flag.startswith("n") and flag not in ("ns", "nr")) or flag == "vn":  # places and people: skipped
            return word if len(word) >= 2 else None
        if flag in ("x", "v"):  # punctuation or a verb first: nothing is named
            return None
    return None


def uncounted(question: str, passage_text: str, start: int, end: int, *, reach: int = COUNTED_REACH) -> str | None:
    """The noun the question counts when the passage does not name it within `reach` characters of the
    answer text[start:end] (the number then counts something else), else None.

    uncounted("安置了多少名随军家属？", "优先解决125名部队官兵子女入托入学", 4, 8) -> "随军家属"
    """
    noun = counted_noun(question)
    if noun is None:
        return None
    return None if noun in passage_text[max(0, start - reach):end + reach] else noun
