"""Follow-up questions: "那芜湖呢？" after a question about 张掖 re-asks that question about 芜湖."""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import PLACE_SUFFIX, stem
from qa.types import Response

# what may surround the place in a bare follow-up: "那芜湖呢？", "那么芜湖市的呢", "换成芜湖呢", "芜湖怎么样"
LEAD = re.compile(r"^(那么|那|换成|改成|如果是|要是|再问|再看看|在|那在)+")
TAIL = re.compile(r"(的情况|的呢|呢|怎么样|又如何|如何|又是多少|是多少|的|呢)+$")
PUNCT = re.compile(r"[\s，,。.！!？?、；;：:\"'“”‘’（）()]+")
SUFFIXES = "省市县区州盟旗"
BARE_MAX = 8  # a bare follow-up names one place: "那乌鲁木齐市呢" has a core of 6


def place_keys(known_places: Iterable[str]) -> dict[str, str]:
    """Map each place's stem to its canonical name: ["张掖市", "庆阳"] -> {"张掖": "张掖市", "庆阳": "庆阳"}."""
    keys: dict[str, str] = {}
    for place in known_places:
        place = place.strip()
        if place:
            keys.setdefault(stem(place), place)
    return keys


def find_place(text: str, keys: dict[str, str]) -> tuple[int, int, str] | None:
    """The first (longest at a position) known place in text, as (start, end, canonical name).

    The span includes an administrative suffix when the text has one: "张掖市累计" -> (0, 3, "张掖市").
    """
    best: tuple[int, int, str] | None = None
    for key, name in keys.items():
        at = text.find(key)
        if at < 0:
            continue
        end = at + len(key)
        if end < len(text) and text[end] in SUFFIXES:
            end += 1
        if best is None or at < best[0] or (at == best[0] and end > best[1]):
            best = (at, end, name)
    return best


def core(followup: str) -> str:
    """The follow-up without punctuation and filler words: "那么芜湖市的呢？" -> "芜湖市"."""
    return TAIL.sub("", LEAD.sub("", PUNCT.sub("", followup)))


def looks_bare(text: str) -> bool:
    """Whether text is shaped like a bare follow-up ("那火星呢？"), whatever the name in it."""
    kept = core(text)
    return bool(kept) and len(kept) <= BARE_MAX and kept != PUNCT.sub("", text)


def bare_place(followup: str, keys: dict[str, str]) -> str | None:
    """The canonical place when the follow-up is only a place with filler words ("那芜湖呢？" -> "芜湖市")."""
    core_text = core(followup)
    if not core_text:
        return None
    key = stem(core_text) if PLACE_SUFFIX.search(core_text) else core_text
    return keys.get(key)


def rewrite(previous_question: str | None, followup: str, known_places: Iterable[str]) -> str:
    """The question to answer: the previous one about a new place when followup only names a place.

    rewrite("张掖市累计为驻地部队划拨了多少亩土地？", "那芜湖呢？", ["张掖市", "芜湖市"])
    -> "芜湖市累计为驻地部队划拨了多少亩土地？"; any other followup comes back unchanged (stripped).
    """
    followup = followup.strip()
    if not previous_question:
        return followup
    keys = place_keys(known_places)
    place = bare_place(followup, keys)
    if place is None:
        return followup
    found = find_place(previous_question, keys)
    if found is None:
        if looks_bare(previous_question):  # "那火星呢？" is no question to scope: nothing to re-ask
            return followup
        return f"{place}{previous_question}"  # the previous question named no place: scope it to the new one
    start, end, _ = found
    return previous_question[:start] + place + previous_question[end:]


def next_context(previous: str | None, response: Response, known_places: Iterable[str]) -> str | None:
    """The question later follow-ups refer to after `response`: its question when it was answered or names
    a known place, else the previous context ("那火星呢？" names none: "那芜湖呢？" still re-asks the last real one)."""
    question = response.question
    if find_place(question, place_keys(known_places)) is not None:
        return question
    if response.abstained or looks_bare(question):
        return previous or (None if looks_bare(question) else question)
    return question
