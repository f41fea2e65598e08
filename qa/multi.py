"""Lists, comparisons and totals: one question per place, answered by the single pipeline, then combined.

Each part is the question rewritten for one place (`qa.rewrite.for_place`), retrieved within that place's
reports and read like any question; its response keeps its own answer, citation, confidence or reason.
- list: the places of the collection (within the filters) whose passages name what the list asks about, each
  its report's best passage read with the question asked of that place (`qa.lists`); with 各/分别 over named
  places, each named place's value;
- compare / total: the named places; the values normalised (`qa.quantities`) and compared or added.
A comparison or total with a part missing, or a value that is no number of the same unit, is "not found"
and says which place and why: never a guess from the other parts.
"""
from __future__ import annotations

import re
import time
from dataclasses import replace
from typing import Iterable, Sequence

from qa.compare_dates import dated, with_whole_date
from qa.compare_figures import gap_said, ratio_said, values
from qa.kinds import LIST_ASK, RATIO_ASKED, QuestionKind, asks_gap
from qa.list_bounds import asked_bound, bounded_parts
from qa.list_excluded import excluded, excluded_words
from qa.list_mentions import mention_parts, mentioned
from qa.list_quoted import lacks_quoted
from qa.list_ranked import unasided
from qa.list_most import asked_each_place, asked_most, each_response, most_parts, most_response
from qa.lists import AsksPerPlace, list_parts
from qa.quantities import Quantity, parse, ranks_with, total, written
from qa.reading.answer_types import MEASURES
from qa.reading.qualifiers import beside_other_name, said
from qa.rewrite import wordings
from qa.types import Answer, Part, Response

# passages retrieved within a named place and all read, for each part of a comparison or total: one missing part
# makes the whole answer "not found", and within one place's reports BM25 ranks the part's passage first where the
# fused ranking may put it 7th-10th (张掖's 963个退役军人服务中心（站）); docs/results.md, "Parts read thoroughly"
PART_K = 10
WORSE = {"more": "多于", "less": "少于", "earlier": "早于", "later": "晚于"}


def answer(assistant: AsksPerPlace, question: str, kind: QuestionKind, *, k: int | None = None,
           reports: Iterable[int] | None = None, places: Iterable[str] | None = None) -> Response:
    """The response to a list, compare or total question (`kind` from `qa.kinds.detect`)."""
    started = time.perf_counter()
    reports = list(reports or [])
    read: dict = {}
    if not kind.places and (kind.kind == "compare" or kind.each):  # which place has the most; every place's figure
        return _most(assistant, question, kind, k=k, reports=reports, places=places, started=started)
    asked = unasided(question, LIST_ASK) if kind.kind == "list" and not kind.places else question  # …的不算
    said = mentioned(asked) if kind.kind == "list" and not kind.places else ()
    by_words = mention_parts(assistant, asked, kind, said, reports=reports, places=places) if said else ([], {})
    if by_words[0]:  # 报告里提到“三等功”的有哪些地方: every report searched for the words (`qa.list_mentions`)
        parts, read = by_words
    elif kind.kind == "list" and not kind.places and (bounded := asked_bound(asked)) is not None:
        parts, read = bounded_parts(assistant, bounded, kind, reports=reports, places=places)  # 十万张以上的有哪些地方
    elif kind.kind == "list" and not kind.places:
        parts, read = list_parts(assistant, asked, kind, reports=reports, places=places)
        parts = [p for p in parts if not (p.answer and lacks_quoted(p.answer.passage.text, question))]  # “归属感”
    else:
        parts = named_parts(assistant, question, kind, k=k, reports=reports)
        if kind.kind in ("compare", "total") and not kind.each:
            parts = in_one_unit(assistant, parts, k=k, reports=reports, adding=kind.kind == "total")
    if kind.kind == "list" and not kind.places and not by_words[0] and any(excluded_words(question)):
        parts = [p for p in parts if not (p.answer and excluded(p.answer.text, question))]  # 入围、提名不算
    timings = {"total_ms": round((time.perf_counter() - started) * 1000, 2), "parts": len(parts), **read}
    if kind.kind == "list" and not kind.places:
        return listed(question, parts, timings)
    return combined(question, kind, parts, timings)


def _most(assistant, question: str, kind: QuestionKind, *, k, reports: list[int], places, started: float) -> Response:
    """哪个城市…最多 / 各地…分别有多少: every place in scope ranked by its figure (`qa.list_most`); within one place (a
    filter), or asked otherwise than the ranking reads, the single question it then is."""
    most = asked_most(question) if kind.kind == "compare" else None
    each = asked_each_place(question) if kind.each else None
    few = len(list(places or [])) == 1 or len(reports) == 1 or len(assistant.known_places()) < 2  # one place in scope
    if (most is None and each is None) or few:
        return assistant.ask_batch([question], k=k, reports=reports, places=places)[0]
    direction, bounded = most or ("more", each)
    parts, read = most_parts(assistant, direction, bounded, reports=reports, places=places)
    timings = {"total_ms": round((time.perf_counter() - started) * 1000, 2), "parts": len(parts), **read}
    return most_response(question, direction, parts, timings) if most else each_response(question, parts, timings)


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


def in_one_unit(assistant: AsksPerPlace, parts: list[Part], *, k: int | None, reports: list[int],
                adding: bool = True) -> list[Part]:
    """Parts whose values cannot be compared or added, one of them an area or money (527亩 against 14.3亿元 for
    给部队的地), asked again in each other's unit: for each unit a part gave, the other parts asked with it (…有多少亩？); kept when exactly one
    unit gives every part a value in it, else the parts as they were (the answer then says the units differ). Counts in
    two measure words are aligned from the parts' own answers only (`by_alternatives`). Not `adding` (a comparison),
    figures that rank as they are (名 against 人次: `ranks_with`) are kept."""
    found = [parse(p.answer.text) if p.answer else None for p in parts]
    # a part refused for a figure of another kind (8个 for 投的钱) is asked again in the others' unit too
    refused = [p.answer is None and p.response.reason_code == "other_unit" for p in parts]
    known = [q for q, r in zip(found, refused) if not r]
    fit = (lambda q: q.comparable(found[0])) if adding else (lambda q: ranks_with(q, found[0]))
    if None in known or not known or (not any(refused) and all(fit(q) for q in found)):
        return parts
    if not {q.unit for q in known} & MEASURED:  # counts in two measure words: from the parts' own answers, never
        return parts if any(refused) else by_alternatives(parts, found) or parts  # asked again (918支 服务队, 2024个 服务站)
    fits = []
    for unit in dict.fromkeys(q.unit for q in known if q.unit):
        odd = [i for i, q in enumerate(found) if q is None or not q.comparable(Quantity(0.0, unit))]
        asked = [with_unit(parts[i].question, unit) for i in odd]
        if None in asked:
            continue
        responses = assistant.ask_each(asked, [{"places": [parts[i].place], "reports": reports} for i in odd],
                                       k=max(k or 0, PART_K), thorough=True)
        values = [parse(r.best.text) if r.best else None for r in responses]
        if all(v is not None and v.comparable(Quantity(0.0, unit)) for v in values):
            fixed = list(parts)
            for i, q, r in zip(odd, asked, responses):
                fixed[i] = Part(parts[i].place, q, r)
            fits.append(fixed)
    return fits[0] if len(fits) == 1 else parts


def by_alternatives(parts: list[Part], found: list[Quantity]) -> list[Part] | None:
    """Parts in units that do not compare made comparable from their own answers: for each unit a part gave, each
    other part's first alternative in it whose clause says as much of its question as its best answer's does, two
    pairs at least (`said`); kept when exactly one unit does it for all (张掖 一条 against 芜湖 200多块 -> 张掖 300多块),
    else None (开封's 380个 法律咨询服务站 says less of 服务中心 than its 918支: not taken for 濮阳's 2024个)."""
    fits = []
    for unit in dict.fromkeys(q.unit for q in found):
        odd = [i for i, q in enumerate(found) if not q.comparable(Quantity(0.0, unit))]
        taken = [_alternative_in(parts[i], Quantity(0.0, unit)) for i in odd]
        if None not in taken:
            fits.append([taken[odd.index(i)] if i in odd else p for i, p in enumerate(parts)])
    return fits[0] if len(fits) == 1 else None


def _alternative_in(part: Part, unit: Quantity) -> Part | None:
    """The part with its first answer comparable with `unit` put first, when its clause says as much of the part's
    question as the best answer's does and two pairs at least; None when there is none."""
    best = max(2, said(part.question, part.answer))  # a clause saying next to nothing of it never stands in
    alt = next((a for a in part.response.answers[1:] if (q := parse(a.text)) is not None and q.comparable(unit)
                and said(part.question, a) >= best and not beside_other_name(part.question, a)), None)
    return None if alt is None else Part(part.place, part.question, replace(
        part.response, answers=(alt,) + tuple(a for a in part.response.answers if a is not alt)))


MEASURED = {"亩", "元"}  # an area or a sum of money beside another unit: the reader may have cut the other kind


def with_unit(question: str, unit: str) -> str | None:
    """The question asking for `unit`: with_unit("通化给部队的地有多少？", "亩") -> "通化给部队的地有多少亩？";
    None when its 多少 already has a unit or measure word (多少个) or it has no 多少."""
    found = re.search(rf"多少(?![{MEASURES}亩元钱公平千])", question)
    return None if found is None else question[:found.end()] + unit + question[found.end():]


def combined(question: str, kind: QuestionKind, parts: list[Part], timings: dict) -> Response:
    """A comparison, total or list of values over named places; "not found" naming a missing part."""
    missing = [p for p in parts if p.response.abstained]
    if missing and not kind.each:
        return not_found(question, kind, parts, "missing_part", "；".join(missing_reason(p) for p in missing),
                         timings)
    if kind.each:
        shown = "；".join(f"{p.place}：{p.answer.text}" if p.answer else missing_reason(p) for p in parts)
        return _answered(question, kind, parts, shown, timings)
    if kind.direction in ("earlier", "later"):  # 28日 of "5月28日" compared as 5月28日
        parts = [with_whole_date(p) for p in parts]
    summary, problem = (compared if kind.kind == "compare" else summed)(parts, kind.direction)
    if problem:
        return not_found(question, kind, parts, "not_comparable", problem, timings)
    if kind.kind == "compare" and len(parts) == 2 and asks_gap(question):
        summary += gap_said(parts)  # 差了多少亩: the gap after who has more
    elif kind.kind == "compare" and len(parts) == 2 and RATIO_ASKED.search(question):
        summary += ratio_said(parts)  # 是来宾的几倍: the first place's figure over the second's
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


def compared(parts: Sequence[Part], direction: str) -> tuple[str, str]:
    """The summary of a comparison, best first ("芜湖（1018个）多于来宾（887个）"), or "" and why not."""
    if direction in ("earlier", "later"):
        dates = [dated(p.answer) for p in parts]
        if None in dates:
            bad = parts[dates.index(None)]
            return "", f"{bad.place}的答案“{bad.answer.text}”不是一个年份，无法比较早晚"
        keys = [d[:min(map(len, dates))] for d in dates]  # as precise as the least precise: 2019年 against 2019年5月 ties
    else:
        found, problem = values(parts)
        if problem:
            return "", problem
        unlike = [q for q in found if not ranks_with(q, found[0])]  # 名 against 人次 ranked, never added
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


LIST_HITS = 2  # hits kept in a list response for each place listed


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
    """A note when places were left unread (Settings.list_places): of those that name the listed thing,
    {"places": 32, "places_named": 20, "places_read": 16} -> "（提到它的20个地方只读了排名靠前的16个）", or of all
    when no thing could be read from the question: {"places": 32, "places_read": 16} ->
    "（只读了32个地方中排名靠前的16个）"."""
    read = timings.get("places_read", 0)
    if "places_named" in timings:  # of those chosen to be read, when a choice was made
        named = timings.get("places_chosen", timings["places_named"])
        return f"（提到它的{named}个地方只读了排名靠前的{read}个）" if read < named else ""
    total = timings.get("places", 0)
    return f"（只读了{total}个地方中排名靠前的{read}个）" if read < total else ""
