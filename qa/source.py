"""Which report says it: 我记得有份报告说校长要陪着学生一块儿吃饭，是哪个市的？

A person remembers a detail but not the report. Such a question names no place; it describes something and asks
whose report says it. `asks_source` tells it and cuts the description out of its frame; `answer_source` retrieves
passages for the description over the whole collection (or the filters), finds in each the sentence that says
most of it (`support`: the share of the description's rare character pairs and characters the sentence holds), and
answers the place of the report whose sentence says clearly more of it than any other report's (`MIN_LEAD`);
else "not found", with that place as a possible answer when it leads by less (`MIN_POSSIBLE_LEAD`). The answer is the place as the report's header writes it (its title or subtitle),
and the sentence is cited as the part it stands on, so the page shows where the report says it.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Iterable, Sequence

from embeddings.chunking import sentence_spans
from embeddings.places import stem
from embeddings.types import Report
from qa.reading.rarity import PairRarity, pairs
from qa.report_header import header_passage
from qa.types import Answer, Hit, Part, Response

PLACE = r"(?:城市|地市|地方|地区|县区|市县|区县|省份|市|县|区|省|里|儿)"
DOC = r"(?:报告|稿子|材料|综述|总结|文章|经验|做法|事儿?|典型)"
# the ask at the end: …，是哪个市的？ / 这是哪里的做法？ / 出自哪份报告？
ASK_END = re.compile(rf"[，,。]?\s*(?:这|那|它|这事儿?|这个|那个)?(?:是|都是|说的是|讲的是)?(?:在)?哪(?:一)?(?:个|座|份|篇)?"
                     rf"(?:{PLACE}(?:的{DOC}?|{DOC})|{DOC})(?:里|中|上)?(?:说的|讲的|写的|提的|提到的|的)?[呢啊呀来着]*[？?]*$"
                     rf"|(?<=的)(?:是|为)哪(?:一)?(?:个|座)?{PLACE}[呢啊呀]*[？?]*$"  # 发一分钱公交卡的是哪个城市？
                     rf"|[，,。]?\s*(?:这|那)?(?:是)?出自哪(?:一)?(?:个|座|份|篇)?(?:{PLACE}|{DOC})?(?:的{DOC})?[呢啊呀]*[？?]*$")
# the ask at the start: 哪个城市的报告里说…？ / 哪份报告提到…？
ASK_START = re.compile(rf"^(?:请问|你知道)?(?:是)?哪(?:一)?(?:个|座|份|篇)(?:{PLACE}的{DOC}|{DOC})(?:里|中|上)?"
                       r"(?:说|提到|提过|提起|讲|讲到|写|写到|谈到|记着|记了)(?:了|过|到)?[，,：:]?")
# how the description is led in: 我记得有份报告说 / 印象里有篇稿子提到 / 听说有个地方
LEAD = re.compile(rf"^(?:我|俺)?(?:记得|印象(?:里|中)|好像|听说|看到过?|读到过?|之前看到)?(?:好像)?"
                  rf"(?:有(?:一)?(?:份|篇|个)(?:{PLACE}的{DOC}|{DOC}|{PLACE})?(?:里|中|上)?(?:说|提到|提过|讲|讲到|写|写到|谈到)?(?:了|过|到)?)?[，,：:]?")
# a ranking or a comparison (哪个城市的服务站最多？) is none: those read every place's figure (qa.multi)
RANKED = re.compile(r"最(?!出名|有名|美|可爱|幸福)|[更较](?:多|少|大|小|高|低|早|晚|长|短|先|久)|谁|哪些|哪几|[和与跟同].{0,12}[比相]")
# which place did it, asked inside the question (哪个城市把跳伞塔改成了国防教育基地？, 哪个地方的气象部门…): the place
# of the report that says the rest; not one asked inside a report's text (在哪座城市开的, 在哪个县)
ASK_INSIDE = re.compile(r"(?<![在于到去])哪(?:一)?(?:个|座)(?:城市|地市|地方|地区|省份|市|省)(?:的)?")
# a bare 是哪个市？ at the end asks for the report's place only after such a lead (有个地方…，是哪个市？); without
# one it asks a place inside the text (曼扎边防连驻在新疆哪个县？)
BARE_END = re.compile(rf"[，,]\s*(?:这|那)?是哪(?:一)?(?:个|座)?{PLACE}[呢啊呀]*[？?]*$")
LED = re.compile(rf"^(?:我|俺)?(?:记得|印象(?:里|中)|好像|听说)?(?:好像)?有(?:一)?(?:份|篇|个)(?:{DOC}|{PLACE})")
MIN_DESCRIPTION = 4  # Chinese characters: less describes nothing to look for


def asks_source(question: str) -> str:
    """The description a which-report question gives, or "" when the question is no such question.

    >>> asks_source("我记得有份报告说校长要陪着学生一块儿吃饭，是哪个市的？")
    '校长要陪着学生一块儿吃饭'
    >>> asks_source("哪个城市的报告里说给军人开了专门的挂号窗口？")
    '给军人开了专门的挂号窗口'
    >>> asks_source("给退伍兵发一分钱坐公交的卡，这是哪里的做法？")
    '给退伍兵发一分钱坐公交的卡'
    >>> asks_source("有个地方挂牌了两千多个退役军人服务站，是哪个市？")
    '挂牌了两千多个退役军人服务站'
    >>> asks_source("给退伍兵发一分钱坐公交的卡的是哪个城市？")
    '给退伍兵发一分钱坐公交的卡'
    >>> asks_source("哪个城市把一座跳伞塔改成了国防教育基地？")
    '把一座跳伞塔改成了国防教育基地'
    >>> asks_source("吴忠结对共建的那个边防连驻在新疆哪个县？"), asks_source("哪个城市的服务站最多？")
    ('', '')
    """
    text = question.strip()
    if RANKED.search(text):
        return ""
    end, start = ASK_END.search(text), ASK_START.match(text)
    end = end or (BARE_END.search(text) if LED.match(text) else None)
    if end and not start:
        text = text[:end.start()]
    elif start and not end:
        text = text[start.end():].rstrip("？?呢。 ")
    elif not start and not end and len(inside := ASK_INSIDE.findall(text)) == 1:
        text = ASK_INSIDE.sub("", text).rstrip("？?呢。 ")
    else:
        return ""
    text = ASK_INSIDE.sub("", LEAD.sub("", text, count=1))
    text = re.sub(r"^的|的$|(?:——|[，,])?(?:这|那)(?:件)?事(?:儿)?$", "", text.strip("，,。— ")).strip("，,。— ")
    return text if sum("\u4e00" <= c <= "\u9fff" for c in text) >= MIN_DESCRIPTION else ""


SOURCE_K = 10  # passages retrieved for the description
# The best sentence's support (of 3: pairs, characters, meaning) must lead the best sentence of every other report by
# MIN_LEAD for an answer, by MIN_POSSIBLE_LEAD for a possible one (可能的答案, shown with "not found"), and reach
# MIN_SUPPORT. A sentence of an unrelated report scores about 0.9 (UNRELATED: the lead over a collection of one
# report, or when no other report's passage was retrieved). On the dev questions (docs/results.md) answers led by
# 0.21–1.41 (1.20–2.92), a detail no report says by 0.02–0.44 (0.44: 献血者…免费坐地铁 against 献血证可免费游览).
MIN_SUPPORT = 1.15
MIN_LEAD = 0.3
MIN_POSSIBLE_LEAD = 0.2
UNRELATED = 0.9
STOP = set("的了是在有和与及个说到把给都也要这那一就为对我们他她它")


@dataclass(frozen=True)
class Said:
    """A sentence of a retrieved passage and how much of the description it says."""

    hit: Hit
    start: int
    end: int
    support: float


def shares(description: str, sentence: str, rarity: PairRarity | None) -> float:
    """How much of the description the sentence says, 0–2: the share of its character pairs (weighted by rarity)
    plus the share of its content characters, that the sentence holds.

    >>> round(shares("军地合署办公", "实行军地合署办公制度。", None), 2), round(shares("免费修自行车", "军车免费。", None), 2)
    (2.0, 0.7)
    """
    wanted = pairs(description)
    weight = (lambda p: rarity.weight(p)) if rarity is not None else (lambda p: 1.0)
    total = sum(weight(p) for p in wanted)
    by_pairs = sum(weight(p) for p in wanted if p in sentence) / total if total else 0.0
    chars = {c for c in description if "\u4e00" <= c <= "\u9fff" and c not in STOP}
    by_chars = sum(c in sentence for c in chars) / len(chars) if chars else 0.0
    return by_pairs + by_chars


def sentences(text: str) -> list[tuple[int, int]]:
    """The text's sentences as `embeddings.chunking` cuts them, within each line (a table row is a line of its own).

    >>> sentences("共建12处。成效明显\\n张掖｜12")
    [(0, 6), (6, 10), (11, 16)]
    """
    spans, at = [], 0
    for line in text.split("\n"):
        spans += sentence_spans(line, at)
        at += len(line) + 1
    return spans


def best_said(description: str, hits: Sequence[Hit], encoder, rarity: PairRarity | None) -> list[Said]:
    """Each report's sentence that says most of the description (pairs and characters shared, plus the meaning's
    cosine by `encoder`), best report first."""
    found = [(h, start, end, h.passage.text[start:end]) for h in hits for start, end in sentences(h.passage.text)]
    if not found:
        return []
    vectors = encoder.encode([description] + [x for *_, x in found])
    cosines = vectors[1:] @ vectors[0]
    best: dict[int, Said] = {}
    for (hit, start, end, text), cosine in zip(found, cosines):
        said = Said(hit, start, end, shares(description, text, rarity) + float(cosine))
        if hit.passage.report not in best or said.support > best[hit.passage.report].support:
            best[hit.passage.report] = said
    return sorted(best.values(), key=lambda s: -s.support)


def place_answer(report: Report, said: Said) -> Answer:
    """The report's place as its header writes it (…市 in the subtitle), cut from the header passage; else as the
    sentence itself writes it; else, for a report that names no place, its title (哪份报告 is then answered by it).

    >>> from embeddings.types import Passage
    >>> r = Report(1, "擦亮新品牌", "张掖市工作综述", "2023年8月3日", "a.txt", "…", places=("张掖市",))
    >>> said = Said(Hit(Passage("r001-p001", 1, "我市建成双拥公园。", 0, 9), 0.5, 1), 0, 9, 1.8)
    >>> place_answer(r, said).text, place_answer(Report(2, "社区食堂建设报告", "", "", "b.md", "…"), said).text
    ('张掖市', '社区食堂建设报告')
    """
    header = header_passage(report)
    for place in report.places:
        if (at := header.text.find(place)) >= 0:
            return Answer(place, said.support, header, at, at + len(place), read_by="header")
    text = said.hit.passage.text
    for place in report.places:
        if (at := text.find(place, said.start, said.end)) >= 0:
            return Answer(place, said.support, said.hit.passage, at, at + len(place), read_by="source")
    title = report.title or report.subtitle
    if title and (at := header.text.find(title)) >= 0:
        return Answer(title, said.support, header, at, at + len(title), read_by="header")
    return sentence_answer(said)


def sentence_answer(said: Said) -> Answer:
    """The sentence that says it, as an answer cut from its passage (its end mark left out)."""
    text = said.hit.passage.text[said.start:said.end].rstrip("。！？；")
    return Answer(text, said.support, said.hit.passage, said.start, said.start + len(text), read_by="source")


def answer_source(assistant, question: str, description: str, *, reports: Iterable[int] | None = None,
                  places: Iterable[str] | None = None) -> Response:
    """Which report says the description: the place of the report whose sentence says most of it, cited with that
    sentence (a part), or "not found" when no sentence says enough or two reports say it alike."""
    started = time.perf_counter()
    hits = assistant.retriever.search_batch([description], SOURCE_K, reports=list(reports or []) or None,
                                            places=list(places or []) or None)[0]
    said = best_said(description, hits, assistant.retriever.encoder, assistant.pair_rarity())
    timings = {"total_ms": round((time.perf_counter() - started) * 1000, 2)}
    runner_up = max(said[1].support if len(said) > 1 else 0.0, UNRELATED)
    lead = said[0].support - runner_up if said and said[0].support >= MIN_SUPPORT else -1.0
    if lead >= MIN_LEAD:
        return found(assistant, question, description, said[0], timings)
    reason = f"没有找到明确说“{description}”的报告：请换个说法，或写出报告里的原词再问。"
    if lead < MIN_POSSIBLE_LEAD:
        return Response(question, (), tuple(hits[:5]), timings, reason=reason, reason_code="no_source",
                        question_used=question)
    best = said[0]  # a possible answer: its place, with the passage saying most of it shown first
    shown = (best.hit, *(h for h in hits if h != best.hit))[:5]
    return Response(question, (), shown, timings, reason=reason, reason_code="no_source", question_used=question,
                    possible=(place_answer(assistant.reports()[best.hit.passage.report], best),))


def found(assistant, question: str, description: str, best: Said, timings: dict) -> Response:
    """The place of the report saying it, and that report's sentence as the part it stands on."""
    report = assistant.reports()[best.hit.passage.report]
    place = place_answer(report, best)
    evidence = sentence_answer(best)
    part = Part(place.text, description, Response(description, (evidence,), (best.hit,), timings,
                                                   question_used=description))
    whose = f"{place.text}的报告" if place.text in report.places else f"《{place.text}》"  # a report naming no place
    return Response(question, (place,), (best.hit,), timings, kind="list", summary=f"{whose}：{evidence.text}",
                    parts=(part,), question_used=question)


def told(question: str, answer: str, known: Iterable[str]) -> str:
    """An earlier turn as a follow-up reads it: a which-report question answered with a place (its answer, or the
    chat's summary, starting with the place) is about that place (那里还做了什么？ then asks of it).

    >>> told("有份报告说给勇救落水儿童的退伍兵送了慰问金，是哪个市的？", "吴忠市", {"吴忠市", "张掖市"})
    '吴忠市给勇救落水儿童的退伍兵送了慰问金？'
    >>> told("哪个城市的报告说给勇救落水儿童的退伍兵送了慰问金？", "吴忠市的报告：…送上了慰问金", {"吴忠市"})
    '吴忠市给勇救落水儿童的退伍兵送了慰问金？'
    >>> told("张掖划拨了多少亩土地？", "2000多亩", {"张掖市"})
    '张掖划拨了多少亩土地？'
    """
    description = asks_source(question)
    names = sorted(set(known) | {stem(p) for p in known if len(stem(p)) >= 2}, key=len, reverse=True)
    place = next((n for n in names if answer.startswith(n)), "") if description else ""
    return f"{place}{description}？" if place else question


def answers_source(response: Response) -> bool:
    """Whether a response answers which report says something (its parts cite the sentences saying it): shown as
    出处, not as a list."""
    return response.kind == "list" and bool(response.parts) and all(
        p.answer is not None and p.answer.read_by == "source" for p in response.parts)


# 还有别的地方这么做吗？ / 还有哪些城市也这样做了？ after a which-report question: the same detail, over every report
ELSEWHERE = re.compile(r"(?:还有|别的|其他|其它|另外)[^，,。？?]{0,8}(?:这样|这么|同样|一样|也)")


def elsewhere(question: str, history: Sequence) -> str:
    """A follow-up asking which other places did the same as a which-report question's detail, asked as a list of
    the places saying that detail; else the question as it is.

    >>> from qa.conversation import Turn
    >>> elsewhere("还有别的地方这么做吗？", [Turn("哪个城市的报告说给勇救落水儿童的退伍兵送了慰问金？", "吴忠市")])
    '哪些地方给勇救落水儿童的退伍兵送了慰问金？'
    >>> elsewhere("还有别的地方这么做吗？", [Turn("张掖划拨了多少亩土地？", "2000多亩")])
    '还有别的地方这么做吗？'
    """
    description = asks_source(history[-1].question) if history else ""
    return f"哪些地方{description}？" if description and ELSEWHERE.search(question) else question
