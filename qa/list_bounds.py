"""Place lists bounded by a figure (优待证办出去十万张以上的有哪些地方？, 全国双拥模范城正好拿过8回的城市有哪些？).

The bound is read from the question (`asked_bound`); the places are those naming what is listed with the bound cut
out (`Bounded.plain`), each asked how many (`Bounded.figure`), and a place is listed only when the figure its
report gives meets the bound (`Bound.holds`): a list can never be answered by its naming alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from embeddings.places import posseg, stem
from qa.kinds import LIST_ASK, QuestionKind
from qa.list_attached import asked_family, figure_of, with_attached
from qa.list_ranked import examples_of
from qa.list_words import bracket_as_or
from qa.listed import GENERIC_THINGS, listed_things, naming
from qa.lists import LIST_BATCH, LIST_LOOK, AsksPerPlace
from qa.quantities import SCALE, Quantity, counts_alike, parse
from qa.reading.abstain import COUNTED_REACH, names
from qa.reading.qualifiers import per_period
from qa.rewrite import for_place
from qa.types import Part, Response

AT_LEAST, MORE, AT_MOST, LESS, EQUAL = ">=", ">", "<=", "<", "=="
BEFORE = {"超过": MORE, "超出": MORE, "多于": MORE, "高于": MORE, "大于": MORE, "逾": MORE,
          "不少于": AT_LEAST, "不低于": AT_LEAST, "不下于": AT_LEAST, "至少": AT_LEAST, "起码": AT_LEAST,
          "达到": AT_LEAST, "达": AT_LEAST, "满": AT_LEAST, "上了": AT_LEAST, "过了": AT_LEAST, "突破": MORE,
          "不超过": AT_MOST, "不多于": AT_MOST, "不高于": AT_MOST, "最多": AT_MOST,
          "不到": LESS, "不足": LESS, "少于": LESS, "低于": LESS, "未满": LESS, "未达到": LESS, "没到": LESS,
          "没有到": LESS, "没超过": AT_MOST,
          "正好": EQUAL, "恰好": EQUAL, "刚好": EQUAL, "整整": EQUAL, "不多不少": EQUAL}
AFTER = {"以上": AT_LEAST, "及以上": AT_LEAST, "或以上": AT_LEAST, "之上": AT_LEAST, "往上": AT_LEAST,
         "以下": AT_MOST, "及以下": AT_MOST, "以内": AT_MOST, "之内": AT_MOST, "往下": AT_MOST}
NUMBER = r"(?:\d+(?:\.\d+)?(?:万|亿|千)?|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*[万亿]?)"
MEASURE = (r"(?:人次|平方米|平方公里|公顷|万元|亿元|[个名人位次回届场家所处户元亩项条件张座支批期份篇部台辆套栋间株棵"
           r"块幅册本首场天年岁])")
ALSO = r"(?:[（(][^（）()]{1,6}[）)])?"  # 十万张（人）以上: the other measure it may be counted in
_before = "|".join(sorted(BEFORE, key=len, reverse=True))
_after = "|".join(sorted(AFTER, key=len, reverse=True))
BOUND = re.compile(rf"(?P<pre>{_before})(?P<gap>[有是拿获得评了过办建发]{{0,3}})(?P<num>{NUMBER})(?P<unit>{MEASURE}?)"
                   rf"(?P<also>{ALSO})(?P<post>{_after})?"
                   rf"|(?P<num2>{NUMBER})(?P<unit2>{MEASURE}?)(?P<also2>{ALSO})(?P<post2>{_after})"
                   rf"|(?P<round>[过上破])(?P<big>万|千|百)(?P<unit3>{MEASURE}?)(?![万千])")


@dataclass(frozen=True)
class Bound:
    """A bound on a figure: its relation (">=", ">", "<=", "<", "==") to `quantity`, as `phrase` wrote it."""

    relation: str
    quantity: Quantity
    phrase: str
    also: str = ""  # other measure words it may be counted in (张 or 人: 十万张（人）)

    def holds(self, figure: Quantity | None) -> bool:
        """Whether a figure meets the bound: a like unit or another count (`qa.quantities.counts_alike`, people
        too), an inexact figure (10万余) above its value; money, an area or a percentage for a count, or none, never.

        >>> b = asked_bound("优待证办出去十万张（人）以上的有哪些地方？").bound
        >>> b.holds(parse("12.3万张")), b.holds(parse("10万余名")), b.holds(parse("9.8万张")), b.holds(parse("20万元"))
        (True, True, False, False)
        """
        if figure is None or not self._measures(figure):
            return False
        value, want = figure.value, self.quantity.value
        over = figure.inexact == "多"  # 10万余: more than its value
        if self.relation == MORE:
            return value > want or (over and value >= want)
        if self.relation == AT_LEAST:
            return value >= want
        if self.relation == LESS:
            return value < want and not (over and value >= want)
        if self.relation == AT_MOST:
            return value <= want and not over
        return value == want and not figure.inexact

    def _measures(self, figure: Quantity) -> bool:
        """Like units, or two counts (喜报 1874名 of families for 一千份以上: what is counted is checked by its name
        beside the figure, `_checked`), or two counts of times (8次 for 8回)."""
        mine = self.quantity
        return not mine.unit or mine.like(figure) or counts_alike(mine, figure, people=True)


@dataclass(frozen=True)
class Bounded:
    """A bounded list question read: the bound, the question with the bound cut out (`plain`, what the places
    name), the question asking the figure (`figure`, 多少 and the measure where the bound was) and what stood
    before the bound (`head`: what is counted)."""

    bound: Bound | None  # None: every figure is kept (`qa.list_most` ranks them)
    plain: str
    figure: str
    head: str = ""


def asked_bound(question: str) -> Bounded | None:
    """The bound a list question puts on a figure, or None when it puts none.

    >>> b = asked_bound("哪些地方的退役军人服务站超过1000个？")
    >>> b.bound.relation, b.bound.quantity.value, b.plain, b.figure
    ('>', 1000.0, '哪些地方的退役军人服务站？', '哪些地方的退役军人服务站有多少个？')
    >>> b = asked_bound("全国双拥模范城正好拿过8回的城市有哪些？")
    >>> b.bound.relation, b.plain, b.figure
    ('==', '全国双拥模范城拿过的城市有哪些？', '全国双拥模范城拿过多少回的城市有哪些？')
    >>> asked_bound("优待证办出去十万张（人）以上的，都是哪些地方？").figure
    '优待证办出去多少张的，都是哪些地方？'
    >>> asked_bound("哪些地方建了双拥林？") is None
    True
    """
    found = BOUND.search(question)
    if found is None:
        return None
    g = found.groupdict()
    if g["round"]:
        unit, also, relation = g["unit3"] or "", "", MORE if g["round"] == "破" else AT_LEAST
        quantity, gap = Quantity(SCALE[g["big"]], unit, SCALE[g["big"]]), ""
    else:
        pre = g["pre"]
        number, unit = (g["num"], g["unit"]) if pre else (g["num2"], g["unit2"])
        also = (g["also"] if pre else g["also2"]) or ""
        post = g["post"] if pre else g["post2"]
        relation = BEFORE[pre] if pre else AFTER[post]
        quantity = parse(number + (unit or "个"))
        if quantity is None:
            return None
        quantity = Quantity(quantity.value, unit or "", quantity.scale)
        gap = g["gap"] or ""
    bound = Bound(relation, quantity, found.group(), also.strip("（）()"))
    head, tail = question[:found.start()], question[found.end():]
    head = re.sub(r"(?<=[\u4e00-\u9fff）)])在$", "", head)  # 服务站在2000个以上: 服务站有多少个
    noun_end = re.search(r"[\u4e00-\u9fff）)]$", head) and not head.endswith(("的", "有", "了", "过"))
    asked = gap or ("有" if noun_end and unit in ("个", "") else "")  # 服务站有多少个, 挂了多少块
    return Bounded(bound, _tidy(head + gap + tail), _tidy(head + asked + "多少" + unit + tail), head)


def _tidy(text: str) -> str:
    """Stray punctuation left by the cut: "服务站，？" -> "服务站？"."""
    return re.sub(r"[，,、\s]+(?=[，,、？?。])", "", text)


BOUNDED_LOOK = LIST_LOOK  # each report's top passages looked at for one naming what is counted
# a figure in another measure word than the bound's is the bound's to judge (`Bound.holds`: 光荣牌 12万余张 for 4万块)
BOUNDED_SKIPS = ("other_kind", "other_unit")
BOUNDED_PLACES = 32  # places a bounded list reads at most: the figure, not the ranking, says which are listed
NOUN_TAGS = ("n", "j", "l", "vn", "nz")


def counted(head: str) -> tuple[str, ...]:
    """What a bound may count: the runs of nouns before it (jieba's, two characters or more; not who, a place or a
    word of counting), longest first, the list's ask left out.

    >>> counted("优待证办出去"), counted("哪些地方的退役军人服务站"), counted("全国双拥模范城拿过")
    (('优待证',), ('退役军人服务站',), ('全国双拥模范城',))
    >>> counted("双拥工作领导小组里头拉进来的部门、单位")
    ('双拥工作领导小组', '部门')
    """
    runs, run = [], []
    for word, flag in posseg().cut(LIST_ASK.sub("", bracket_as_or(head))):
        if flag.startswith(NOUN_TAGS) and not flag.startswith("ns") and "哪" not in word:
            run.append((word, flag))
            continue
        runs.append(run)
        run = []
    runs.append(run)
    # a run of names alone is jieba's guess at a verb (拉进来 nr); within a run they are kept (双拥 nr 工作领导小组)
    joined = ["".join(w for w, _ in r) for r in runs if r and any(f != "nr" for _, f in r)]
    kept = [r for r in dict.fromkeys(joined) if len(r) >= 2 and r not in GENERIC_THINGS and r not in COUNTING]
    return tuple(sorted(kept, key=len, reverse=True))


def counted_last(head: str) -> tuple[str, ...]:
    """The nouns a bound counts: the last run of nouns before it, with those joined to it by 、/和/或 (generic ones
    too: a 部门 or 单位 counted is named beside its figure); none when the words before the bound end otherwise.

    >>> counted_last("双拥工作领导小组里头拉进来的部门、单位"), counted_last("优待证办出去"), counted_last("报喜送出去")
    (('部门', '单位'), ('优待证',), ())
    >>> counted_last("双拥工作领导小组里的成员单位（部门）")
    ('成员单位', '部门')
    """
    tagged = list(posseg().cut(bracket_as_or(head)))
    nouns: list[str] = []
    for word, flag in reversed(tagged):
        if "哪" in word or word in PLACE_WORDS or (word in AMOUNT_WORDS and not nouns):  # 哪些地方 says where; 金额
            continue  # says how much, not of what
        if flag.startswith(NOUN_TAGS) and not flag.startswith(("ns", "nr")):
            nouns.insert(0, word if not nouns or nouns[0] in JOINS else word + nouns.pop(0))
        elif word in JOINS and nouns:
            nouns.insert(0, word)
        elif nouns or flag.startswith(("x", "u")):
            break
    return tuple(n for n in nouns if n not in JOINS and len(n) >= 2)


def counted_things(head: str) -> tuple[str, ...]:
    """What a ranking counts: the examples its kind is said by (爱国拥军联合会、促进会这类…), then `counted_last`."""
    return examples_of(head) + counted_last(head)


JOINS = ("、", "和", "或", "及", "或者")
AMOUNT_WORDS = ("金额", "数额", "钱数", "总额", "数量", "数目", "总数")
PLACE_WORDS = ("地方", "城市", "地区", "地市", "县区", "哪些", "哪个")
COUNTING = frozenset("单位 项数 数量 人数 次数 个数 数目 总数 人次 家里 地方 城市".split())


def _things(ranked: dict, bounded: Bounded) -> tuple[str, ...]:
    """The thing a bounded list's places must name: the longest run of nouns before the bound that the top
    passages of two places or more name (`counted`), else the plain question's listed thing where a place names
    it, else none (every place's top passage is read: the bound, not a name, says which are listed)."""
    def namers(things: tuple[str, ...]) -> int:  # how many reports' top passages name one of the things
        return sum(any(naming(h.passage.text, things) is not None for h in hits) for hits in ranked.values())

    for run in counted(bounded.head):
        if namers((run,)) >= 2:
            return (run,)
    listed = tuple(listed_things(bounded.plain))[:1]
    return listed if listed and namers(listed) else ()


def bounded_parts(assistant: AsksPerPlace, bounded: Bounded, kind: QuestionKind, *, reports: list[int],
                  places: Iterable[str] | None) -> tuple[list[Part], dict]:
    """One part per place whose passages name what the bound counts (`counted`, else the plain question's listed
    things): each of its reports' top passages naming it read with the figure question (`figure_for`; in each
    measure the bound allows, the surest answer kept), the report whose figure meets the bound kept (a place with
    two reports may give its figure in either); a part whose figure does not meet the bound is not answered and
    says why. Returns the parts and what was read."""
    ranked = assistant.retriever.best_per_report(figure_for(bounded, "")[0], BOUNDED_LOOK,
                                                 reports=reports or None, places=list(places or []) or None)
    things = _things(ranked, bounded)
    todo = [(stem(hits[0].passage.places[0]), named) for hits in ranked.values() if hits and hits[0].passage.places
            and (named := [h for h in hits if naming(h.passage.text, things) is not None])][:BOUNDED_PLACES]
    asked = [(i, q) for i, (place, _) in enumerate(todo) for q in figure_for(bounded, place)]
    responses = []
    for start in range(0, len(asked), LIST_BATCH):
        batch = asked[start:start + LIST_BATCH]
        responses += assistant.read_hits([q for _, q in batch], [todo[i][1] for i, _ in batch],
                                         skip_checks=BOUNDED_SKIPS)
    parts: dict[str, Part] = {}
    last, measure = counted_things(bounded.head), asked_family(bounded.figure)
    nouns = last + (counted(bounded.head) if bounded.bound is None else ())  # a ranking: any thing it names beside it
    for i, (place, _) in enumerate(todo):
        mine = [Part(place, q, r) for (j, q), r in zip(asked, responses) if j == i]
        answered = [m for m in mine if not m.response.abstained]
        part = min(answered, key=lambda m: m.response.no_answer_score) if answered else mine[0]
        response = part.response if bounded.bound else with_attached(part.response, last or things, measure, nouns)
        part = Part(place, part.question, _checked(response, bounded.bound, nouns))
        if place not in parts or parts[place].response.abstained:
            parts[place] = part
    return list(parts.values()), {"places": len({stem(h[0].passage.places[0]) for h in ranked.values()
                                                 if h and h[0].passage.places}),
                                  "places_named": len(parts), "places_read": len(parts)}


# the list's ask where it closes the question: …的，都是哪些地方？ / …的城市有哪些？
ASK_AT_END = re.compile(r"的?[，,]?\s*(?:城市|地方|地区|市|县|区)?(?:都|还|又)?(?:有|是)?(?:哪些|哪几个|哪几|哪个)"
                        r"(?:城市|地方|地区|市|县|区)?(?:有|是|呢)?[？?]*$")


def figure_for(bounded: Bounded, place: str) -> list[str]:
    """The figure question asked of one place, in the bound's measure and in each other one it allows.

    >>> figure_for(asked_bound("优待证办出去十万张（人）以上的，都是哪些地方？"), "许昌")
    ['许昌优待证办出去多少张？', '许昌优待证办出去多少人？']
    >>> figure_for(asked_bound("哪些地方的退役军人服务站超过1000个？"), "钦州")
    ['钦州的退役军人服务站有多少个？']
    """
    text = ASK_AT_END.sub("？", bounded.figure)
    text = for_place(text, QuestionKind("list"), place)
    if bounded.bound is None:
        return [text]
    unit = bounded.bound.quantity.unit
    others = [text.replace(f"多少{unit}", f"多少{u}", 1) for u in bounded.bound.also if unit and u != unit]
    return [text] + [o for o in others if o != text]


def _core(noun: str) -> str:
    """A ranking's noun without the people it opens with, which a report words otherwise (社保 of 退役军人社保:
    退役士兵…社保接续); its kind kept (法律咨询服务站 is no 服务站 of another kind): _core("退役军人社保") -> "社保"."""
    people = next((g for g in sorted(GENERIC_THINGS, key=len, reverse=True) if noun.startswith(g)), "")
    return noun[len(people):] if len(noun) - len(people) >= 2 else noun


def _checked(response: Response, bound: Bound | None, nouns: tuple[str, ...] = ()) -> Response:
    """The response as it was when its answer meets the bound (or there is none), one of the `nouns` counted
    (`counted_last`) is named within COUNTED_REACH characters of it and, asked per month or person (每月), its clause
    says 每 (`per_period`: the check BOUNDED_SKIPS leaves out with other_unit), else without answers and saying why."""
    best, why, code = response.best, "", "uncounted"
    near = best.passage.text[max(0, best.start - COUNTED_REACH):best.end + COUNTED_REACH] if best else ""
    shortened = (lambda n: n[-2:]) if bound is not None else _core  # 岗位: 工作岗位; a ranking: its kind kept
    if best is not None and nouns and not any(names(near, n) or names(near, shortened(n)) for n in nouns):
        why = f"报告给的数“{best.text}”附近没有提到问题所数的“{'、'.join(nouns)}”"
    elif best is not None and not per_period(response.question, (best,)):
        why, code = f"问题问的是每人或每期的数，报告给的“{best.text}”不是这样计的", "other_unit"
    elif best is not None and bound is not None and not bound.holds(figure_of(best)):
        why, code = f"报告给的数是“{best.text}”，不满足“{bound.phrase}”", "below_bound"
    if not why:
        return response
    return Response(response.question, (), response.hits, response.timings, reason=why, reason_code=code,
                    kind=response.kind, question_used=response.question_used)
