"""Follow-up questions: "那芜湖呢？" after a question about 张掖 re-asks that question about 芜湖."""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import PLACE_SUFFIX, stem

# what may surround the place in a bare follow-up: "那芜湖呢？", "那么芜湖市的呢", "换成芜湖呢", "芜湖怎么样"
LEAD = re.compile(r"^(那么|那|换成|改成|如果是|要是|再问|再看看|在|那在)+")
TAIL = re.compile(r"(的情况|的呢|呢|怎么样|又如何|如何|又是多少|是多少|的|呢)+$")
PUNCT = re.compile(r"[\s，,。.！!？?、；;：:\"'“”‘’（）()]+")
SUFFIXES = "省市县区州盟旗"


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


def bare_place(followup: str, keys: dict[str, str]) -> str | None:
    """The canonical place when the follow-up is only a place with filler words ("那芜湖呢？" -> "芜湖市")."""
    core = PUNCT.sub("", followup)
    core = TAIL.sub("", LEAD.sub("", core))
    if not core:
        return None
    key = stem(core) if PLACE_SUFFIX.search(core) else core
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
        return f"{place}{previous_question}"  # the previous question named no place: scope it to the new one
    start, end, _ = found
    return previous_question[:start] + place + previous_question[end:]
