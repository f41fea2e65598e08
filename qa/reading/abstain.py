"""Abstention: one decision per question that keeps the reader's answers or says why there is none.

`decide` runs the checks in a fixed order and stops at the first that fails; each gives a reason code
(`Response.reason_code`) and a reason in Chinese (`Response.reason`):
- no_passages: nothing was read;
- low_confidence: the reader's best margin over "no answer" is below the calibrated threshold;
- unknown_place: the question names a place no report covers (`ReportPlaces.unknown`);
- other_place: every answer is cut from a report about another place than the one the question names
  (`ReportPlaces.is_off_place`); such answers are dropped first;
- other_unit: a count question gets a number of something else, e.g. 多少名 answered by "11场" (`unit_mismatch`),
  or a question per person or period a figure its clause does not say 每 of (每月多少: `qualifiers.per_period`);
- uncounted: what the question counts is not named near the answer (随军家属 for 多少名随军家属; `uncounted`);
- other_kind: a 哪一年 / 什么时候 question gets no year or date (e.g. 18人的专家团), or a 多少 / 几 question no numeral
  (e.g. 双拥号 for 几路车) (`wrong_kind`), a place's people counted in an act (`events.acted_on`), or a running total
  for a figure asked per year (`sum_for_yearly`). (Abstaining whenever the best answer lacks the asked-for shape,
  e.g. no year for 哪一年, was measured and dropped: it cost more answerable questions than it saved unanswerable ones.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from embeddings.places import posseg, stem
from qa.everyday import report_words
from qa.reading.alternatives import alternatives
from qa.reading.answer_types import (COUNT_ASKED, EARNED, MEASURES as MEASURE_WORDS, MONEY, NUM, PEOPLE, PERCENT, PERSON,
                                     RATE_BEFORE_ASK, RECENT, SHARE_ASKED, UNITS, expected_type, is_named_person)
from qa.reading.cells import column_unit, in_named_column
from qa.reading.counted import counted_first, counted_head
from qa.reading.events import SENTENCE_END, acted_on, unsaid_event
from qa.reading.kind_checks import NUMERAL, nothing_between, stands_in, sum_for_yearly, wrong_kind
from qa.reading.listed_spans import count_first
from qa.reading.places import ReportPlaces
from qa.reading.plans import kind_asked_first
from qa.reading.qualifiers import (QUOTED, beside_other_name, clause_first, counts_households, head_first, level_first,
                                   per_period, quoted_first, said, title_said_first)
from qa.reading.rarity import PairRarity
from qa.reading.reader import ReadResult
from qa.settings import ABSTAIN_CHECKS as CHECKS  # the rule checks that run after the threshold
from qa.types import Answer


@dataclass(frozen=True)
class Decision:
    """The answers kept (best first), or none with a reason code and why (in Chinese); "" when answered.

    `possible` is a hedged answer (可能的答案) given with "not found": the reader's best span was below the
    threshold but at or above `hedge_from`, and of the asked type.
    """

    answers: tuple[Answer, ...]
    reason_code: str = ""
    reason: str = ""
    possible: tuple[Answer, ...] = ()


def decide(question: str, result: ReadResult, places: ReportPlaces, *, named: Sequence[str], threshold: float,
           top_n: int, checks: Sequence[str] = CHECKS, hedge_from: float | None = None, seen: str = "",
           rarity: PairRarity | None = None) -> Decision:
    """Keep at most `top_n` of the reader's answers to `question`, or abstain with the first failed check.

    `named` are the indexed places the question names (`places.named(question)`, computed once before
    reading to choose what to read first); `threshold` is the lowest margin that may answer; `checks`
    the rule checks that run (Settings.abstain_checks; each can be switched off to measure what it buys);
    `hedge_from` the lowest margin at which a best span of the asked type is still offered as 可能的答案
    (None: never); `seen` the text of the passages read: a place one of them names is not unknown (海宁 in a
    table row of a report on 嘉兴市); `rarity` the collection's pair rarity, weighing the question's words an
    answer's clause says (`qualifiers.clause_first`; None: each pair counts one).
    """
    if not result.answers:
        return Decision((), "no_passages", "没有检索到可读的段落")
    if result.margin < threshold:  # the possible answer is the one an answer would have been (哪四样: all four)
        best = _named_first(question, result.answers)[0]
        hedge = hedge_from is not None and result.margin >= hedge_from and of_asked_type(question, best) \
            and not places.is_off_place(named, best.passage)
        return Decision((), "low_confidence", "最接近的段落里没有把握找到答案", (best,) if hedge else ())
    on = set(checks)
    unknown = places.unknown(question, result.answers[0].passage.text + "\n" + seen) \
        if places.known and "unknown_place" in on else []
    if unknown:
        return Decision((), "unknown_place", f"报告中没有关于{'、'.join(unknown)}的内容")
    answers = tuple(a for a in result.answers if "other_place" not in on or not places.is_off_place(named, a.passage))
    if answers:  # a table row's answer in the column the question names (qa.reading.cells)
        moved = in_named_column(question, answers[0])
        answers = (moved,) + tuple(a for a in answers[1:] if a.text != moved.text)
    # of the whole pool: 什么制度 -> 双拥工作宣传员制度, the reader's 5th; 哪两位 -> 王靖、袁景蔚, the 2nd; …规则文件 ->
    # 《…工作规则》 (clause_first over the whole pool, not kept: docs/results.md, "Fifteenth session")
    answers = _named_first(question, answers)
    # no fragments among the alternatives, and none of another shape than asked (广泛开展褒扬纪念活动 for 多少块)
    answers = answers[:1] + tuple(a for a in alternatives(answers, limit=top_n - 1) if of_asked_type(question, a))
    answers = clause_first(question, level_first(question, answers), rarity)
    answers = counted_first(question, head_first(question, quoted_first(question, answers)))
    answers = kind_asked_first(question, answers)  # none of these reorders brings a plan's figure back first
    per = per_period(question, answers) if "other_unit" in on else answers  # 每月多少: never a total
    if answers and not per:
        return Decision((), "other_unit", f"问题问的是每人或每期（每月、每年）的数，段落中最接近的“{answers[0].text}”不是这样计的")
    answers = per
    counts = tuple(a for a in answers if not year_for_count(question, a))  # 2019 gives way to 2572名
    only_years = bool(answers) and not counts
    answers = counts or answers
    if not answers:
        other = result.answers[0]
        where = "、".join(other.passage.places) or "其他地区"
        if len(named) > 1 and {stem(p) for p in other.passage.places} & {stem(n) for n in named}:  # never contradicts
            return Decision((), "other_place", f"问题同时问到{'、'.join(named)}，找到的“{other.text}”只出自关于{where}"
                            "的报告：请分开问每个地方，或问它们加起来、谁更多")
        return Decision((), "other_place", f"找到的“{other.text}”出自关于{where}的报告，不是问题所问的地区")
    refusal = _refused(question, answers[0], on, only_years)
    if refusal is None:
        return Decision(answers)
    # the reader's best is no time for a when question: a later date in the pool stands in when it passes every
    # check (今年4月 after the song's name for 啥时候发布的); a count of another thing: a figure `beside` it
    passing = () if only_years else tuple(a for a in answers[1:] if (stands_in(question, a.text) or (
        refusal.reason_code == "other_unit" and a.score >= threshold and beside(question, answers[0], a)))
        and _refused(question, a, on, False) is None)
    return Decision(passing) if passing else refusal


def _named_first(question: str, answers: Sequence[Answer]) -> tuple[Answer, ...]:
    """The pool with the answer naming what the question asks put first: its head noun (哪座烈士陵园), its title
    (…规则文件) and as many things as it counts (哪两位); the same order whether the answer is given or only offered."""
    return count_first(question, title_said_first(question, head_first(question, tuple(answers))))


def beside(question: str, best: Answer, other: Answer) -> bool:
    """Whether `other` may stand in for a best counting another thing: in its clause (为6837名…发放…1.8亿元), or in its
    sentence, its own clause saying the question besides what it counts (比重…提高到55.6% for 占农牧业产值几成)."""
    rest = COUNT_AND_NOUN.sub(" ", question)
    return nothing_between(best, other) or nothing_between(best, other, SENTENCE_END) and said(rest, other) >= 1


COUNT_AND_NOUN = re.compile(rf"(?:多少|几)[{MEASURE_WORDS}]?[\u4e00-\u9fff]{{0,4}}")  # 多少名退役军人: the count, its noun


def _refused(question: str, best: Answer, on: set[str], only_years: bool) -> Decision | None:
    """The refusal of `best` by the first failed check of what it counts and its kind, else None."""
    if "other_unit" in on and (unit_mismatch(question, best.text) or only_years) and not counts_households(question, best):
        return Decision((), "other_unit", f"段落中最接近的数字“{best.text}”计的是别的东西，不是问题所问的")
    quoted = QUOTED.findall(question)  # “最美军人家庭” asked, 30名 counts “最美军嫂”, and no “最美军人家庭” in sight
    if "uncounted" in on and beside_other_name(question, best) and not any(n in best.passage.text for n in quoted):
        return Decision((), "uncounted", f"段落中的“{best.text}”计的是别的名目，问题所问的“{quoted[0]}”段落中没有")
    noun = uncounted(question, best.passage.text, best.start, best.end) if "uncounted" in on and (
        NUMERAL.search(best.text) or best.text[-2:] not in question) else ""  # 南梁革命纪念馆 for …几处地方里，有一个叫什么纪念馆
    if noun:
        return Decision((), "uncounted", f"段落中的“{best.text}”附近没有提到问题所数的“{noun}”")
    if "other_kind" in on and (unsaid_event(question, best) or acted_on(question, best)):  # 哪一年服役: 遭遇…2022年
        return Decision((), "other_kind", f"段落中的“{best.text}”所在的句子没有说到问题所问的事情")
    if "other_kind" in on and sum_for_yearly(question, best):  # 一年能拿出多少钱: 累计投入350万元
        return Decision((), "other_kind", f"问题问的是每年的数，段落中的“{best.text}”是累计的数")
    missing = wrong_kind(question, best.text) if "other_kind" in on else ""
    if missing:
        asked = {"年份或日期": "时间", "名称": "名称", "时长": "时长", "地名": "地方", "事项": "事项", "列举": "哪几个", "人名": "谁"}.get(missing, "数量")
        return Decision((), "other_kind", f"问题问的是{asked}，段落中最接近的“{best.text}”不是{missing}")
    return None


def of_asked_type(question: str, answer: Answer) -> bool:
    """Whether an answer has the shape its question asks for (any span when the question names no type).

    of_asked_type("哪一年成立的？", <"18人的专家团">) -> False; ("投入了多少钱？", <"30万元">) -> True.
    """
    atype = expected_type(question)
    if atype is None:
        return True
    if atype is PERSON:
        return is_named_person(answer.passage.text, answer.start, answer.end)
    return atype.matches(answer.text) or atype.matches(answer.text + column_unit(answer))  # 6480 under 抽检批次（批）


CALENDAR_YEAR = re.compile(r"(?:19|20)[0-9]{2}年(?:以来|底|初|前|后)?")
YEARS_ASKED = re.compile(r"(?:多少|几)个?(?:年|年度)")  # 多少年 is answered in years (30年), never by a year
PEOPLE_ASKED = re.compile(r"(?:(?:多少|几)[\u4e00-\u9fff]{0,6}?(?:人员|人|员|者|兵|群众|客|学生|家属|军属|对象)"
                          r"|(?<![每均])(?:人|人员|人数|学生|对象)(?:有|是|共有|一共有|总共有)?多少)(?=[？?，,呢吗]|$)")  # …的人数有多少 too
LONG_UNITS = "|".join(u for u in UNITS if len(u) > 2 and u.isalpha())  # 平方公里, 立方米, 千瓦时 …: 几次 is never 立方米
UNIT_END = re.compile(rf"^{NUM}({LONG_UNITS}|[\u4e00-\u9fff]{{1,2}})$")
SPELLED_END = re.compile(r"[一二三四五六七八九十两几]+个?([\u4e00-\u9fff]{1,2})")  # 四个月: a count in characters
MONEY_ASKED = re.compile(r"(?:钱|资金|经费|费用|金额)[^，,。？?]{0,4}多少")  # the money is what 多少 asks (掏钱帮学生: not)
MONEY_SAID = re.compile(rf"钱|资金|经费|费用|金额|{EARNED}|多少(?:万|亿)?元|(?<![黄基])金(?:是|有|为)?多少")  # said (租金是多少), not guessed (1.5万册)
COUNTED_REACH = 40  # characters on each side of the answer; chosen on the dev split (20 abstained on too many)


def unit_mismatch(question: str, answer: str) -> bool:
    """True when the question counts one thing (多少名, 几路) and the answer is a number of another.

    unit_mismatch("帮多少名退役军人实现了就业？", "11场") -> True; ("…多少名…", "1200多人") -> False; ("安置了多少名退役士兵？",
    "100%") -> True (a share, for any counting question, 多少个 too); ("又投了多少钱？", "12个") -> True; a sum of money
    answers no count that asks no money (多少个义务兵的家里发了优待金: 582.4万元).
    A bare number, a 多少个 question of things (any measure answers it; of people, 多少个宣讲员, only people do) or a
    question without a measure word is never a mismatch.
    """
    atype = expected_type(question)
    if atype is PERCENT and (SHARE_ASKED.search(question) or RATE_BEFORE_ASK.search(question)):  # 占GDP多少: never 368亿元
        return NUMERAL.search(answer) is not None and not PERCENT.matches(answer)
    if atype is not None and atype.name.startswith("size-"):  # 有多高 answered 352万人次: a number of another kind
        bare = re.fullmatch(NUM, answer.strip()) is not None  # a bare number, as for a count, is no mismatch
        return NUMERAL.search(answer) is not None and not bare and not atype.matches(answer)
    if atype is not None and (atype.name == "money" and MONEY_SAID.search(question) or atype.name == "number"
                              and MONEY_ASKED.search(question)):  # 投了多少钱 / 投的钱有多少: 12个, 四个月
        unit = UNIT_END.match(answer.strip()) or SPELLED_END.fullmatch(answer.strip())
        return unit is not None and unit.group(1)[-1] not in "元万亿" and not MONEY.matches(answer)
    people = PEOPLE_ASKED.search(question)  # 多少旅客 / 多少工作人员: people, never 30条 or 114个
    kinds = ("number", "money", "count-个")  # 多少个宣讲员: people too, never 100余场
    unit = UNIT_END.match(answer.strip()) if people and atype is not None and atype.name in kinds else None
    if unit and not re.search(f"[{PEOPLE}个]" if atype.name == "count-个" else f"[{PEOPLE}]", unit.group(1)):
        return True
    if atype is None or not atype.name.startswith("count-"):
        return False
    text = answer.strip()
    if re.fullmatch(rf"{NUM}(?:%|％)", text):  # a share counts nothing: 100% for 安置了多少名退役士兵
        return True
    if MONEY.matches(text) and not MONEY_SAID.search(question):  # 多少个义务兵的家里发了优待金: never 582.4万元
        return True
    return atype.name != "count-个" and UNIT_END.match(text) is not None and not atype.matches(text)


def year_for_count(question: str, answer: Answer) -> bool:
    """True when a question asking a count or a sum (多少, not 多少年) is answered by a calendar year, with its 年
    or cut before it: "来宾这几年接收了多少退役士兵？" answered 2019 (of 2019年以来) or 2019年以来."""
    atype = expected_type(question)
    if atype is None or not (atype.name in ("number", "money") or atype.name.startswith("count-")):
        return False
    text = answer.text.strip()
    if not text.endswith("年") and answer.passage.text[answer.end:answer.end + 1] == "年":
        text += "年"
    return CALENDAR_YEAR.fullmatch(text) is not None and not YEARS_ASKED.search(RECENT.sub("", question))


def counted_noun(question: str) -> str | None:
    """The thing a count question counts: the first noun after 多少名 / 几个 / …, or None.

    counted_noun("吴忠这些年安置了多少名随军家属？") -> "随军家属"; counted_noun("投入了多少钱？") -> None;
    counted_noun("办过多少场面向退役军人的就业招聘会？") -> "招聘会" (a 面向…的 modifier skipped); 哪几个数字 counts none;
    多少万头牛 counts 牛 (one character, too short to look for: None), not 头牛.
    """
    if not (match := COUNT_ASKED.search(question)):
        return None
    rest = question[match.end():]
    rest = rest[1:] if match.group(1) in "万余" and rest[:1] in MEASURE_WORDS else rest  # 多少万头牛: 牛
    aimed = re.match(rf"(?:{'|'.join(AIMED)})[^的，,？?]{{1,30}}的", rest)
    if aimed:  # 多少场面向退役军人和随军家属的就业招聘会: what is counted follows the modifier's 的
        rest = rest[aimed.end():]
    for word, flag in posseg().cut(rest):
        if (flag.startswith("n") and flag not in ("ns", "nr")) or flag == "vn":  # places and people: skipped
            acted = match.group(1) in "人名位" and word in ACTS  # 多少人参观: what the people did, not a thing counted
            return word if len(word) >= 2 and not acted else None
        if (flag in ("x", "v", "p", "c") or (flag == "d" and len(word) == 1)) and not (aimed and flag == "v"):
            # punctuation, a verb, a preposition or a one-character adverb first (几天就把贷款送上门): nothing named
            return None
    return None


# acts people are counted by, after 多少人 (jieba tags 参观 a noun): nothing named is counted
ACTS = frozenset("参观 参加 参与 参训 报名 就业 受益 观看 参赛 到场 出席 旅游 游览 就医 入学 志愿 服务 培训".split())
# words that open a modifier of the counted thing (面向…的招聘会): the thing is named after its 的
AIMED = ("面向", "针对", "专门为", "专为")


def uncounted(question: str, passage_text: str, start: int, end: int, *, reach: int = COUNTED_REACH) -> str | None:
    """The noun the question counts when the passage does not name it within `reach` characters of the
    answer text[start:end] (the number then counts something else), else None.

    uncounted("安置了多少名随军家属？", "优先解决125名部队官兵子女入托入学", 4, 8) -> "随军家属"; a report's word for an
    everyday noun names it (帮多少个孩子 is counted by 153名随军子女, `qa.everyday`).
    """
    if (noun := counted_noun(question)) is None:
        return None
    near = passage_text[max(0, start - reach):end + reach]
    head = counted_head(question)
    said = (noun, head, *report_words(noun), *report_words(head)) if head else (noun, *report_words(noun))  # 人家: 户
    return None if any(names(near, word) for word in said) else noun


def names(text: str, noun: str) -> bool:
    """Whether the text names the noun, also with a qualifier or a bracketed part inside it (up to 3 characters
    between two of its characters, no clause break): 服务站 is named by 服务中心（站）, 服务中心 by 服务（中心）站.

    >>> names("成立退役军人服务中心（站）887个", "服务站"), names("服务（中心）站2376个", "服务中心"), names("服务。站", "服务站")
    (True, True, False)
    """
    return not noun or named_at(text, noun) is not None


def named_at(text: str, noun: str) -> tuple[int, int] | None:
    """Offsets of the first place the text names the noun (as `names` reads it), else None.

    >>> named_at("成立退役军人服务中心（站）887个", "服务站")
    (6, 12)
    """
    if not noun:
        return None
    at = text.find(noun)
    if at >= 0:
        return at, at + len(noun)
    found = re.search(GAP.join(PUNCT_ANY if c in PUNCT_ANY else re.escape(c) for c in noun), text)  # 加强、不能: ，
    return found.span() if found else None


GAP, PUNCT_ANY = "[^，。；：！？,.;:!?\\n]{0,3}", "[，,、；;：:]"  # a noun's punctuation: any of a clause's
