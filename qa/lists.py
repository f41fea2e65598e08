"""Place lists: which places of the collection did something (哪些城市建设了双拥林？), each with its own cited part.

The list's thing is read from the question (`listed_thing`); only the places whose passages name it are read,
each with the question asked of that place, and a place is listed when its part is answered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

from embeddings.places import stem
from qa.kinds import QuestionKind, one_ask
from qa.list_choice import features, shipped
from qa.list_shown import acted, shown, unnamed
from qa.list_shown import ACTED_CONFIDENCE, clause, quoted_whole  # noqa: F401 - re-exported: their names before
from qa.listed import listed_thing  # noqa: F401 - re-exported: its public name before qa.listed
from qa.listed import NAMING_SUFFICES, QUOTE, QUOTED_NAME, aside, asked_verb, listed_things, naming, own_verb
from qa.list_words import broader_things, head_noun, rarer_words, thing_words
from qa.rewrite import for_place
from qa.types import Hit, Part, Response

LIST_BATCH = 4  # places a list question reads in one call to the reader
LIST_PLACES = 16  # places a list question reads at most when the settings do not say (Settings.list_places)
# a place list asks which places did something, and its parts ask each place "how many", to find the passage:
# an answer without a figure ("双拥号" 拥军公交专线) still says the place did it, so `other_kind` does not run there
# (own lists 0/6, recall 0.746 with it; 1/6, 0.854 without; docs/results.md, "Place lists and other_kind")
LIST_SKIPS = ("other_kind",)
# the things as asked named by fewer places than this, their closing nouns are looked for too (docs/results.md,
# "Fifth session": on the dev list and multi sets recall 0.620 -> 0.636, extras 22 -> 25; always: 0.641, 32)
BROADER_BELOW = 2
# a thing named by more than this share of the places in scope (问题, 项目, 保障工作) tells no place from another:
# the question's rarer words are listed by instead (污水排放 of 部队营区的污水排放问题; docs/results.md, "Sixth session")
COMMON_SHARE = 0.5
FEW_NAMED = 2  # places naming a thing few enough for their naming to list them
RARE_AT_MOST = 5  # places a word of a thing named by (almost) none may be named by, to be listed by
COMMON_FROM = 8  # places in scope from which a thing can be that common (a collection of 3 reports lists all 3)
LIST_LOOK = 3  # a place list looks at each report's top 3 passages for one that names what is listed (one is read)
# a name the question quotes said by the reports of at most this many places: each of them is looked at (`with_quoted`)
QUOTED_FEW = 8


class AsksPerPlace(Protocol):
    def ask_each(self, questions: Sequence[str], scopes: Sequence[dict], *, k: int | None = None,
                 thorough: bool = False) -> list[Response]: ...

    def read_hits(self, questions: Sequence[str], hits: Sequence[list[Hit]], *,
                  skip_checks: Sequence[str] = ()) -> list[Response]: ...

    retriever: object  # with `best_per_report` (qa.retrieval.retriever.Retriever)
    settings: object


def list_parts(assistant: AsksPerPlace, question: str, kind: QuestionKind, *, reports: list[int],
               places: Iterable[str] | None) -> tuple[list[Part], dict]:
    """One part per place of the collection (within the filters) whose passages name what the list asks about
    (`listed_things`; every place when no such thing can be read from the question): the best passage of each
    report found by the question searched within that report (`Retriever.best_per_report`), the first of its
    top LIST_LOOK that names the thing, read with the question asked of its place; the places whose best passage
    ranks highest over the whole collection first, LIST_BATCH at a time, at most `settings.list_places` of them.
    Returns the parts and what was read ({"places": all in scope, "places_named": those naming the thing,
    "places_read": read})."""
    found = candidates(assistant.retriever, question, kind, reports=reports, places=places)
    question, ranked, things, best, rarer, named = (found.question, found.ranked, found.things, found.best, found.rarer,
                                                    found.named)
    chooses = getattr(assistant.settings, "list_choice", True) and things and len(best) >= COMMON_FROM
    model = shipped() if chooses else None
    if model is not None:  # which of them to list: the fitted choice (qa.list_choice; docs/results.md, "Eighth session")
        sure = {p: model.probability(row) for (p, _, _), row in zip(named, found.features())}
        chosen = [(p, h, t) for p, h, t in named if sure[p] >= model.threshold]

        def unsure(r: Response, h: Hit, t: str, p: str) -> Response:  # the clause naming it, as sure as the choice
            return acted(r, h, t, NAMING_SUFFICES, confidence=round(sure[p], 2))
    else:
        chosen, unsure = named, _by_rules(question, best, things, named, rarer)
    # a place whose passages never name the listed thing is not listed whatever the reader cuts: not read
    # (docs/results.md, "Place lists read the places that name the thing")
    todo, parts = chosen[:max(1, getattr(assistant.settings, "list_places", LIST_PLACES))], []
    while todo:
        batch, todo = todo[:LIST_BATCH], todo[LIST_BATCH:]
        subs = [for_place(question, kind, p) for p, _, _ in batch]
        responses = assistant.read_hits(subs, [[h] for _, h, _ in batch], skip_checks=LIST_SKIPS)
        parts += [Part(p, s, shown(r, t) if not r.abstained else unsure(r, h, t, p))
                  for (p, h, t), s, r in zip(batch, subs, responses)]
    as_asked = not rarer and all(t in things for _, _, t in named)  # not by a rarer word or an abbreviation
    if model is None and named and as_asked and len(named) <= NAMED_ONLY and all(p.response.abstained for p in parts):
        # the reader unsure of each of the few places naming the thing as asked: those, less sure (低保 named by 3)
        parts = [Part(p.place, p.question, acted(p.response, h, t, NAMING_SUFFICES, confidence=NAMED_ONLY_CONFIDENCE))
                 for p, (_, h, t) in zip(parts, named)]
    if not named:  # nothing names it: the closest passages are still shown with the "not found"
        parts = [Part(p, for_place(question, kind, p), unnamed(Response(question, (), (h,)), things[0]))
                 for p, (h, _) in list(best.items())[:5]]
    read = {"places": len(best), "places_read": len(parts) if named else 0}
    return parts, {**read, "places_named": len(named), "places_chosen": len(chosen)} if things else read


@dataclass(frozen=True)
class Candidates:
    """What a place list reads from its question and the collection: the question asked once (`one_ask`), each
    report's top LIST_LOOK hits in scope (`ranked`), the things it is listed by, each place's passage to read and
    the thing it names (`best`; None when it names none) and whether a rarer word of the question stood in."""

    question: str
    ranked: dict[int, list[Hit]]
    things: tuple[str, ...]
    best: dict[str, tuple[Hit, str | None]]
    rarer: bool

    @property
    def named(self) -> list[tuple[str, Hit, str]]:
        """The places naming the thing, best first: (place, passage, thing)."""
        return [(p, h, t) for p, (h, t) in self.best.items() if t is not None]

    def features(self) -> list[dict[str, float]]:
        """The named places' features for the fitted choice (`qa.list_choice.features`)."""
        return features(self.question, self.ranked, self.named, self.things, self.rarer, len(self.best))


def candidates(retriever, question: str, kind: QuestionKind, *, reports: Iterable[int] | None = None,
               places: Iterable[str] | None = None) -> Candidates:
    """The places a list question may list (`Candidates`), from one search of every report in scope (the
    retriever's `best_per_report`); `eval.fit_list_choice` fits the choice on the same."""
    question = one_ask(question)  # …的有几个地方？分别是哪些？ is one list question
    reports, places = list(reports or []) or None, list(places or []) or None
    ranked = retriever.best_per_report(for_place(question, kind, ""), LIST_LOOK, reports=reports, places=places)
    ranked = with_quoted(retriever, question, ranked, reports=reports, places=places)
    return Candidates(question, ranked, *listed_by(question, ranked, listed_things(question)))


def with_quoted(retriever, question: str, ranked: dict[int, list[Hit]], *, reports: list[int] | None = None,
                places: list[str] | None = None) -> dict[int, list[Hit]]:
    """Each report's top hits, a passage saying a name the question quotes (“五个一”, “娘家人”) put first where they do
    not say it, when the reports of few places say it (QUOTED_FEW, and at most COMMON_SHARE of the scope): a quoted
    name is what is asked after, wherever a report says it, not only where the question's other words lead."""
    names = tuple(dict.fromkeys(QUOTED_NAME.findall(question)))
    if not names or not hasattr(retriever, "naming"):
        return ranked
    out = dict(ranked)
    for name in names:
        said = retriever.naming(name, reports=reports, places=places)
        saying = {stem(h[0].passage.places[0]) for h in said.values() if h and h[0].passage.places}
        if len(saying) > min(QUOTED_FEW, COMMON_SHARE * len(ranked)):
            continue  # “全国双拥模范城”, “八一”: said by most, it tells no place from another
        for number, hits in said.items():
            mine = out.get(number, [])
            if not any(name in h.passage.text for h in mine):
                top = mine[0] if mine else hits[0]
                out[number] = [Hit(hits[0].passage, top.score, top.rank, hits[0].found_by)] + mine[:LIST_LOOK - 1]
    return out


def _by_rules(question: str, best: dict, things: tuple[str, ...], named: list, rarer: bool):
    """How an unsure part is listed after all where the fitted choice is not used (a scope of fewer than
    COMMON_FROM places): by the clause naming the thing when it does the question's verb (`acted`), or, for a
    thing few places of many name (or a rare word), on the naming alone."""
    # no verb to check (军车免费的有哪些地方？): a place naming the thing is listed even when the reader is unsure
    # (dev lists 34 -> 39 right; docs/results.md, "Fifth session")
    # a thing few places of many name (or a rare word) is listed on their naming, whatever the verb: named by two at
    # most, the reader and the verb check turned down 5 right places and no wrong one on the dev lists (named by more,
    # 38 right and 87 wrong; docs/results.md, "Sixth session")
    few = len(best) >= COMMON_FROM and len(named) <= FEW_NAMED  # in a small collection every thing is named by few
    verb = ((asked_verb(question, things[0]) if not (rarer or few) else "") or NAMING_SUFFICES) if things else ""
    # an alternative with its own verb is checked by it (参加环境卫生整治、城乡清洁、清理卫生死角: 清理 for 卫生死角)
    verbs = {t: own_verb(question, t, things[0], verb) for _, _, t in named
             if verb not in ("", NAMING_SUFFICES) and t in question}
    return lambda r, h, t, p: acted(r, h, t, verbs.get(t, verb))


def listed_by(question: str, ranked: dict[int, list[Hit]],
              things: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, tuple[Hit, str | None]], bool]:
    """The things a place list is listed by, each place's passage to read and the thing it names (`naming_places`),
    and whether a rarer word of the question stands in: the things as asked; named by fewer than BROADER_BELOW
    places, also their closing nouns and abbreviations; named by most places (`common`), the question's rarest
    other word; named by fewer than BROADER_BELOW still, also the things' rarest noun (`thing_words`)."""
    best = naming_places(ranked, things)
    if things and named_count(best) < BROADER_BELOW:
        things = things + broader_things(question, things)  # 红色题材纪录片 named nowhere: 拍摄20集电视系列纪录片 is one
        best = naming_places(ranked, things, shortened=True)  # and 军需供应站 is named as 军供站
    if things and common(best):
        fewer, most = rarer_alternatives(ranked, things, len(best) * COMMON_SHARE, aside(question))
        if fewer:  # 最早一批（首批、首届）全国双拥模范城: 首批 and 首届 where a sentence also names 模范城
            return fewer, naming_places(ranked, fewer, beside=most), True
        # a rare word of the question: a place naming it did what is asked (移防)
        rarer = rarest(ranked, rarer_words(question, things), len(best) * COMMON_SHARE)
        return (*rarer, True) if rarer else (things, best, False)
    if things and not QUOTE.search(question) and len(best) >= COMMON_FROM and named_count(best) < BROADER_BELOW:
        rarer = rarest(ranked, thing_words(things), RARE_AT_MOST)  # 档案 of 退役军人解决档案方面的麻烦
        if rarer:
            return things + rarer[0], naming_places(ranked, things + rarer[0]), True
    return things, best, False


def rarer_alternatives(ranked: dict[int, list[Hit]], things: tuple[str, ...], most: float,
                       bracketed: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The forms a bracket gives (`bracketed`) named by one place at least and `most` at most, and the things as
    asked named by more, when there are both: a bracket naming a qualifier of the thing (最早一批（首批、首届）全国双拥
    模范城), and what it qualifies; ((), ()) otherwise (a bracket of examples of a thing most places name, 比如拥政爱民)."""
    counts = {t: naming_count(ranked, t) for t in things}
    fewer = tuple(t for t in things if t in bracketed and 1 <= counts[t] <= most)
    common_ones = tuple(t for t in things if counts[t] > most)
    shared = set(common_ones) & set(bracketed)
    return (fewer, common_ones) if fewer and common_ones and not shared else ((), ())


def named_count(best: dict[str, tuple[Hit, str | None]]) -> int:
    """How many places name a thing (`naming_places`)."""
    return sum(t is not None for _, t in best.values())


def naming_count(ranked: dict[int, list[Hit]], word: str) -> int:
    """How many places' passages name the word."""
    return named_count(naming_places(ranked, (word,)))


def common(best: dict[str, tuple[Hit, str | None]]) -> bool:
    """Whether more than COMMON_SHARE of the places in scope (COMMON_FROM or more) name the listed thing."""
    return len(best) >= COMMON_FROM and named_count(best) > COMMON_SHARE * len(best)


def rarest(ranked: dict[int, list[Hit]], words: Sequence[str], most: float) -> tuple[tuple[str, ...], dict] | None:
    """Of the words, those named by the fewest places (one at least, `most` at most), with each place's passage
    as `naming_places` gives it; None when no word is so named. Words named by equally few places are
    alternatives (光伏, 发电)."""
    counted = [(n, w) for w in words if 1 <= (n := naming_count(ranked, w)) <= most]
    if not counted:
        return None
    least = min(n for n, _ in counted)
    fewest = tuple(w for n, w in counted if n == least)
    return fewest, naming_places(ranked, fewest)


# when the reader is unsure of every place naming the thing as asked and they are this few, they are listed on their
# naming: on the dev lists this turns l5-12 right (its 3 places); named by a rarer word or an abbreviation instead
# (l10-7: 建国 for 三线建设…) all 3 were wrong, so never then. Three places back it: shown 中, below a clause doing
# the act (ACTED_CONFIDENCE), not 高 (docs/results.md, "Seventh session")
NAMED_ONLY, NAMED_ONLY_CONFIDENCE = 3, 0.64

def naming_places(ranked: dict[int, list[Hit]], things: tuple[str, ...], *, shortened: bool = False,
                  beside: tuple[str, ...] = ()) -> dict[str, tuple[Hit, str | None]]:
    """Each place's passage to read and the thing it names (None: none of its passages does): of a report's
    hits the first that names one of the things (or, when `shortened`, an abbreviation of one: `naming`; with
    `beside`, in a sentence that also names one of those or its closing noun: `named_beside`), else its first;
    a place with two reports, the one whose best passage ranks higher (`ranked` is best first) unless only the other
    names a thing."""
    best: dict[str, tuple[Hit, str | None]] = {}
    for hits in ranked.values():
        if hits and hits[0].passage.places:
            found = next(((h, t) for h in hits if (t := (named_beside(h.passage.text, things, beside) if beside else
                                                         naming(h.passage.text, things, shortened=shortened))) is not None),
                         (hits[0], None))
            place = stem(hits[0].passage.places[0])
            if place not in best or (best[place][1] is None and found[1] is not None):
                best[place] = found  # a place's other report naming the thing stands for it (张掖 has two)
    return best


def named_beside(text: str, things: tuple[str, ...], beside: tuple[str, ...]) -> str | None:
    """The first of the things a sentence of the text names beside one of `beside` (or its closing noun), else None.

    >>> named_beside("1991年成为全国首批十个双拥模范城之一。", ("首批", "首届"), ("全国双拥模范城",))
    '首批'
    >>> named_beside("为首批39家“拥军企业”挂牌。3次获评全国双拥模范城。", ("首批",), ("全国双拥模范城",)) is None
    True
    """
    forms = tuple(dict.fromkeys(f for b in beside for f in (b, head_noun(b)) if f))
    for sentence in re.split(r"(?<=[。！？；!?;])", text):
        found = naming(sentence, things)
        if found and naming(sentence, forms):
            return found
    return None
