"""Lists, comparisons and totals: one question per place, answered by the single pipeline, then combined.

Each part is the question rewritten for one place (`qa.rewrite.for_place`), retrieved within that place's
reports and read like any question; its response keeps its own answer, citation, confidence or reason.
- list: every place of the collection (within the filters), its report's best passage for the question read
  with the question asked of that place; the most promising places first, at most Settings.list_places of
  them (16: reading all 32 places of the shipped corpus takes ~7 s on 2 busy cores; a count, not a time
  budget, so the same question always gets the same answer), the summary saying how many were read when not all; the places whose part is answered, in that order;
  with 各/分别 over named places, each named place's value;
- compare / total: the named places; the values normalised (`qa.quantities`) and compared or added.
A comparison or total with a part missing, or a value that is no number of the same unit, is "not found"
and says which place and why: never a guess from the other parts.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Iterable, Protocol, Sequence

from embeddings.places import posseg, stem
from qa.reading.abstain import names
from qa.kinds import QuestionKind
from qa.quantities import Quantity, parse, total, written, year
from qa.rewrite import for_place, wordings
from qa.types import Hit, Part, Response

LIST_HITS = 2  # hits kept in a list response for each place listed
LIST_BATCH = 4  # places a list question reads in one call to the reader
LIST_PLACES = 16  # places a list question reads at most when the settings do not say (Settings.list_places)
# passages retrieved within a named place and all read, for each part of a comparison or total: one missing part
# makes the whole answer "not found", and within one place's reports BM25 ranks the part's passage first where the
# fused ranking may put it 7th-10th (张掖's 963个退役军人服务中心（站）); docs/results.md, "Parts read thoroughly"
PART_K = 10
# a place list asks which places did something, and its parts ask each place "how many", to find the passage:
# an answer without a figure ("双拥号" 拥军公交专线) still says the place did it, so `other_kind` does not run there
# (own lists 0/6, recall 0.746 with it; 1/6, 0.854 without; docs/results.md, "Place lists and other_kind")
LIST_SKIPS = ("other_kind",)
LIST_LOOK = 3  # a place list looks at each report's top 3 passages for one that names what is listed (one is read)
WORSE = {"more": "多于", "less": "少于", "earlier": "早于", "later": "晚于"}


class AsksPerPlace(Protocol):
    def ask_each(self, questions: Sequence[str], scopes: Sequence[dict], *, k: int | None = None,
                 thorough: bool = False) -> list[Response]: ...

    def read_hits(self, questions: Sequence[str], hits: Sequence[list[Hit]], *,
                  skip_checks: Sequence[str] = ()) -> list[Response]: ...

    retriever: object  # with `best_per_report` (qa.retrieval.retriever.Retriever)
    settings: object


def answer(assistant: AsksPerPlace, question: str, kind: QuestionKind, *, k: int | None = None,
           reports: Iterable[int] | None = None, places: Iterable[str] | None = None) -> Response:
    """The response to a list, compare or total question (`kind` from `qa.kinds.detect`)."""
    started = time.perf_counter()
    reports = list(reports or [])
    read: dict = {}
    if kind.kind == "list" and not kind.places:
        parts, read = list_parts(assistant, question, kind, reports=reports, places=places)
    else:
        parts = named_parts(assistant, question, kind, k=k, reports=reports)
    timings = {"total_ms": round((time.perf_counter() - started) * 1000, 2), "parts": len(parts), **read}
    if kind.kind == "list" and not kind.places:
        return listed(question, parts, timings)
    return combined(question, kind, parts, timings)


def named_parts(assistant: AsksPerPlace, question: str, kind: QuestionKind, *, k: int | None,
                reports: list[int]) -> list[Part]:
    """One part per named place: its question in each wording (`qa.rewrite.wordings`), retrieved within the
    place and read in one batch; the surest answered wording is kept, else the first (with its reason)."""
    asked = [(p, s) for p in kind.places for s in wordings(question, kind, p)]
    responses = assistant.ask_each([s for _, s in asked], [{"places": [p], "reports": reports} for p, _ in asked],
                                   k=max(k or 0, PART_K), thorough=True)
    parts = []
    for place in kind.places:
        mine = [Part(p, s, r) for (p, s), r in zip(asked, responses) if p == place]
        answered = [m for m in mine if not m.response.abstained]
        parts.append(min(answered, key=lambda m: m.response.no_answer_score) if answered else mine[0])
    return parts


def list_parts(assistant: AsksPerPlace, question: str, kind: QuestionKind, *, reports: list[int],
               places: Iterable[str] | None) -> tuple[list[Part], dict]:
    """One part per place of the collection (within the filters): the best passage of each report, found by
    the question searched within that report (`Retriever.best_per_report`), read with the question asked of
    its place; the places whose best passage ranks highest over the whole collection first, LIST_BATCH at a
    time, at most `settings.list_places` of them. Returns the parts and what was read
    ({"places": all in scope, "places_read": read})."""
    query = for_place(question, kind, "")
    thing = listed_thing(question)
    ranked = assistant.retriever.best_per_report(query, LIST_LOOK, reports=reports or None,
                                                 places=list(places or []) or None)
    best: dict[str, Hit] = {}
    for hits in ranked.values():  # a place with two reports: the one whose best passage ranks higher
        if hits and hits[0].passage.places:  # read its first passage that names the thing, else its first
            naming = next((h for h in hits if names(h.passage.text, thing)), hits[0])
            best.setdefault(stem(hits[0].passage.places[0]), naming)
    todo, parts = list(best.items())[:max(1, getattr(assistant.settings, "list_places", LIST_PLACES))], []
    while todo:
        batch, todo = todo[:LIST_BATCH], todo[LIST_BATCH:]
        subs = [for_place(question, kind, p) for p, _ in batch]
        responses = assistant.read_hits(subs, [[h] for _, h in batch], skip_checks=LIST_SKIPS)
        parts += [Part(p, s, r if names(h.passage.text, thing) else unnamed(r, thing))
                  for (p, h), s, r in zip(batch, subs, responses)]
    return parts, {"places": len(best), "places_read": len(parts)}


def listed_thing(question: str) -> str:
    """What a place list asks about: the question's end after its last 了/过, else its closing nouns (two
    characters or more), else what follows its first verb (quotes dropped); a place is listed only when its
    passage names it (`names`, a qualifier inside allowed).

    listed_thing("哪些城市为驻地部队划拨了土地？") -> "土地"; listed_thing("哪几个地方建有军供站？") -> "军供站";
    listed_thing("有哪几个地方建立了“兵妈妈”服务站？") -> "兵妈妈服务站"; listed_thing("哪些城市让军人免费乘坐公交？") -> "公交"
    """
    body = question.rstrip("？?。 ").replace("“", "").replace("”", "")
    cut = max(body.rfind("了"), body.rfind("过"))
    if cut >= 0:
        thing = body[cut + 1:]
    else:
        words = list(posseg().cut(body))
        thing = _closing_nouns(words) or _after_first_verb(words)
    return thing if len(thing) >= 2 else ""


def _closing_nouns(words: list) -> str:
    """The nouns a question ends with (jieba's tagged words), if two characters or more: …乘坐公交 -> "公交"."""
    tail = ""
    for word, flag in reversed(words):
        if not flag.startswith(("n", "j")) or flag == "ns":
            break
        tail = word + tail
    return tail if len(tail) >= 2 else ""


def _after_first_verb(words: list) -> str:
    """What follows the first verb after the list words (jieba's tagged words): 哪几个地方建有军供站 -> "军供站"."""
    seen_list = False
    for i, (word, flag) in enumerate(words):
        listing = word.startswith(("哪", "有哪"))
        seen_list = seen_list or listing
        if seen_list and flag.startswith("v") and not listing:
            return "".join(w for w, _ in words[i + 1:])
    return ""


def unnamed(response: Response, thing: str) -> Response:
    """A list part whose passage never names what the list asks about: not listed, and said why."""
    return replace(response, answers=(), reason=f"段落中没有提到“{thing}”", reason_code="not_named")


def listed(question: str, parts: list[Part], timings: dict) -> Response:
    """Which places answer: the answered parts only, each with its own cited answer."""
    kept = [p for p in parts if not p.response.abstained]
    hits = tuple(h for p in kept for h in p.response.hits[:LIST_HITS])
    if not kept:
        closest = tuple(h for p in parts for h in p.response.hits[:1])[:5]
        return Response(question, (), closest, timings, reason=f"没有一个报告回答这个问题{unread(timings)}", reason_code="no_part",
                        kind="list", parts=(), question_used=question)
    names = "、".join(f"{p.place}（{p.answer.text}）" for p in kept)
    return Response(question, tuple(p.answer for p in kept), hits, timings, kind="list",
                    summary=f"共{len(kept)}个地方：{names}{unread(timings)}", parts=tuple(kept), question_used=question)


def unread(timings: dict) -> str:
    """A note when places were left unread: {"places": 32, "places_read": 16} -> "（只读了32个地方中排名靠前的16个）"."""
    total, read = timings.get("places", 0), timings.get("places_read", 0)
    return f"（只读了{total}个地方中排名靠前的{read}个）" if read < total else ""


def combined(question: str, kind: QuestionKind, parts: list[Part], timings: dict) -> Response:
    """A comparison, total or list of values over named places; "not found" naming a missing part."""
    missing = [p for p in parts if p.response.abstained]
    if missing and not kind.each:
        return not_found(question, kind, parts, "missing_part", "；".join(missing_reason(p) for p in missing),
                         timings)
    if kind.each:
        shown = "；".join(f"{p.place}：{p.answer.text}" if p.answer else missing_reason(p) for p in parts)
        return _answered(question, kind, parts, shown, timings)
    summary, problem = (compared if kind.kind == "compare" else summed)(parts, kind.direction)
    if problem:
        return not_found(question, kind, parts, "not_comparable", problem, timings)
    return _answered(question, kind, parts, summary, timings)


def _answered(question: str, kind: QuestionKind, parts: list[Part], summary: str, timings: dict) -> Response:
    answered = [p for p in parts if p.answer]
    return Response(question, tuple(p.answer for p in answered), tuple(h for p in parts for h in p.response.hits[:2]),
                    timings, max(p.response.no_answer_score for p in parts), kind=kind.kind, summary=summary,
                    parts=tuple(parts), question_used=question)


def not_found(question: str, kind: QuestionKind, parts: list[Part], code: str, reason: str,
              timings: dict) -> Response:
    """No answer for the whole question, with the parts (and their own answers or reasons) kept to show."""
    first = sorted(parts, key=lambda p: not p.response.abstained)  # the missing part's passages first
    hits = tuple(h for p in first for h in p.response.hits[:2])
    return Response(question, (), hits, timings, reason=reason, reason_code=code, kind=kind.kind, parts=tuple(parts),
                    question_used=question)


def missing_reason(part: Part) -> str:
    """"通化的报告没有提到：通化建了多少个服务站？（最接近的段落里没有把握找到答案）"."""
    why = f"（{part.response.reason}）" if part.response.reason else ""
    return f"{part.place}的报告没有提到：{part.question}{why}"


def values(parts: Sequence[Part]) -> tuple[list[Quantity], str]:
    """Each part's quantity, or the reason one has none ("芜湖的答案“…”不是数量")."""
    found = []
    for p in parts:
        q = parse(p.answer.text)
        if q is None:
            return [], f"{p.place}的答案“{p.answer.text}”不是一个数量，无法计算"
        found.append(q)
    return found, ""


def compared(parts: Sequence[Part], direction: str) -> tuple[str, str]:
    """The summary of a comparison, best first ("芜湖（1018个）多于来宾（887个）"), or "" and why not."""
    if direction in ("earlier", "later"):
        keys = [year(p.answer.text) for p in parts]
        if None in keys:
            bad = parts[keys.index(None)]
            return "", f"{bad.place}的答案“{bad.answer.text}”不是一个年份，无法比较早晚"
    else:
        found, problem = values(parts)
        if problem:
            return "", problem
        unlike = [q for q in found if not q.like(found[0])]
        if unlike:
            return "", f"单位不同（{found[0].unit or '无单位'}、{unlike[0].unit or '无单位'}），无法比较"
        keys = [q.value for q in found]
    ranked = sorted(zip(keys, parts), key=lambda kp: kp[0], reverse=direction in ("more", "later"))
    shown = [f"{p.place}（{p.answer.text}）" for _, p in ranked]
    note = "（含约数）" if any(q.inexact for q in map(parse, (p.answer.text for p in parts)) if q) else ""
    if len(set(keys)) == 1:
        return "与".join(shown) + "相同" + note, ""
    return WORSE.get(direction, "多于").join(shown) + note, ""


def summed(parts: Sequence[Part], direction: str = "") -> tuple[str, str]:
    """The summary of a total ("张掖（2000多亩）＋芜湖（527亩）＝2527多亩"), or "" and why not."""
    found, problem = values(parts)
    if problem:
        return "", problem
    try:
        whole = total(found)
    except ValueError:
        units = "、".join(dict.fromkeys(q.unit or "无单位" for q in found))
        return "", f"单位不同（{units}），不能相加"
    return "＋".join(f"{p.place}（{p.answer.text}）" for p in parts) + f"＝{written(whole)}", ""
