"""Lists, comparisons and totals end to end through the Assistant, with a fake retriever and reader."""
import re
from types import SimpleNamespace

from embeddings.places import stem
from embeddings.types import Passage, Report
from qa.assistant import Assistant
from qa.lists import LIST_BATCH
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer, Hit

TEXTS = {1: ("张掖市", "张掖市累计为驻地部队划拨土地2000多亩，建成退役军人服务站120家。"),
         2: ("芜湖市", "芜湖市为部队提供土地527亩，建成退役军人服务站1018个。"),
         3: ("来宾市", "来宾市建成退役军人服务站887个，慰问官兵12次。"),
         4: ("通化市", "通化市开展双拥活动，为部队划拨土地307亩。"),
         5: ("灵台县", "灵台县组织慰问，走访军属300户。")}
PASSAGES = [Passage(f"r{n:03d}-p001", n, text, 0, len(text), subtitle=f"{place}双拥工作综述", places=(place,))
            for n, (place, text) in TEXTS.items()]


class PlaceRetriever:
    """Every passage, those of the filtered places only; records each call."""

    def __init__(self):
        self.index = SimpleNamespace(reports=[Report(p.report, "t", p.subtitle, "", "s", p.text, p.places)
                                              for p in PASSAGES])
        self.passages = PASSAGES
        self.calls = []

    def search_batch(self, queries, k=None, *, reports=None, places=None, **options):
        self.calls.append((list(queries), places))
        self.ks = [*getattr(self, "ks", []), k]
        wanted = {stem(p) for p in places or ()}
        found = [p for p in self.passages if (not wanted or stem(p.places[0]) in wanted)
                 and (not reports or p.report in reports)]
        return [[Hit(p, 1.0 / (60 + r), r) for r, p in enumerate(found[:k], 1)] for _ in queries]

    def best_per_report(self, query, k=1, *, reports=None, places=None):
        self.calls.append(([query], "per report"))
        return {h.passage.report: [h] for h in self.search_batch([query], 100, reports=reports, places=places)[0]}


class UnitReader:
    """Answers a number with the unit the question asks for (亩 for 土地, 个/家 for 服务站, 次, 户);
    no such number in the first passage: a low margin (not found)."""

    UNITS = {"土地": "亩", "服务站": "[个家]", "慰问": "次", "走访": "户", "公园": "座"}

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        out = []
        for q, hits in zip(questions, passages):
            p = hits[0].passage
            unit = next((u for word, u in self.UNITS.items() if word in q), "[亩个次户家]")
            m = re.search(rf"[0-9]+多?{unit}", p.text)
            if m is None:
                out.append(ReadResult((Answer(p.text[:2], 0.1, p, 0, 2),), -5.0))
            else:
                out.append(ReadResult((Answer(m.group(), 0.9, p, m.start(), m.end(), reader_score=5.0),), 5.0))
        return out


def assistant():
    return Assistant(PlaceRetriever(), UnitReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))


def test_compare_answers_each_place_and_names_the_larger():
    a = assistant()
    r = a.ask("芜湖和来宾，谁建的退役军人服务站更多？")
    assert r.kind == "compare" and not r.abstained
    assert r.summary == "芜湖（1018个）多于来宾（887个）"
    assert [(p.place, p.question, p.answer.text) for p in r.parts] == [
        ("芜湖", "芜湖建了多少退役军人服务站？", "1018个"), ("来宾", "来宾建了多少退役军人服务站？", "887个")]
    assert [p.answer.passage.report for p in r.parts] == [2, 3]  # each value from its own place's report
    # each place retrieved within itself, once per wording (建了多少… and 建的…有多少)
    assert a.retriever.calls == [(["芜湖建了多少退役军人服务站？"], ["芜湖"]), (["芜湖建的退役军人服务站有多少？"], ["芜湖"]),
                                 (["来宾建了多少退役军人服务站？"], ["来宾"]), (["来宾建的退役军人服务站有多少？"], ["来宾"])]
    d = r.to_dict()
    assert d["kind"] == "compare" and d["parts"][0]["citation"]["report"] == 2 and d["question_used"] == r.question


def test_the_surer_wording_of_a_part_is_kept():
    from qa.multi import named_parts
    from qa.kinds import detect

    a = assistant()
    margins = {"芜湖建了多少退役军人服务站？": 2.0, "芜湖建的退役军人服务站有多少？": 6.0}
    reader = a.reader

    def read_batch(questions, passages, **options):
        out = UnitReader.read_batch(reader, questions, passages, **options)
        return [ReadResult(r.answers, margins.get(q, r.margin)) for q, r in zip(questions, out)]

    a.reader.read_batch = read_batch
    question = "芜湖和来宾，谁建的退役军人服务站更多？"
    parts = named_parts(a, question, detect(question, a.known_places()), k=None, reports=[])
    assert [p.question for p in parts] == ["芜湖建的退役军人服务站有多少？", "来宾建了多少退役军人服务站？"]


def test_each_part_reads_every_passage_retrieved_within_its_place():
    from qa.multi import PART_K

    a = assistant()
    seen = []
    real = a.reader.read_batch
    a.reader.read_batch = lambda questions, passages, **kw: seen.append(kw) or real(questions, passages, **kw)
    r = a.ask("芜湖和来宾，谁建的退役军人服务站更多？")
    assert r.kind == "compare" and set(a.retriever.ks) == {PART_K}
    assert seen and all(o["read_more_below"] is None for o in seen)  # a sure first passage does not stop the reading


def test_compare_less_puts_the_smaller_first():
    r = assistant().ask("芜湖和来宾哪个城市的服务站少一些？")
    assert r.summary == "来宾（887个）少于芜湖（1018个）"


def test_total_adds_like_units_and_keeps_the_inexact_mark():
    r = assistant().ask("张掖、芜湖、通化给部队的土地加起来一共多少亩？")
    assert r.kind == "total" and not r.abstained
    assert r.summary == "张掖（2000多亩）＋芜湖（527亩）＋通化（307亩）＝2834多亩"
    assert [a.text for a in r.answers] == ["2000多亩", "527亩", "307亩"]


def test_a_missing_part_makes_the_whole_not_found_and_names_the_place():
    r = assistant().ask("张掖和灵台一共划拨了多少亩土地？")
    assert r.kind == "total" and r.abstained and r.reason_code == "missing_part"
    assert r.reason.startswith("灵台的报告没有提到：灵台划拨了多少亩土地？") and "2000多亩" not in r.reason
    assert r.summary is None and [p.response.abstained for p in r.parts] == [False, True]
    assert r.hits[0].passage.report == 5  # the missing part's passages come first


def test_unlike_units_are_not_added():
    r = assistant().ask("张掖和芜湖一共建了多少个退役军人服务站？")  # 120家 + 1018个
    assert r.abstained and r.reason_code == "not_comparable" and "家" in r.reason and "个" in r.reason


def test_each_lists_every_named_place_with_its_value():
    r = assistant().ask("张掖和通化分别为部队划拨了多少亩土地？")
    assert r.kind == "list" and r.summary == "张掖：2000多亩；通化：307亩"


def test_list_keeps_the_places_whose_passages_answer():
    r = assistant().ask("哪些城市为驻地部队划拨了土地？")
    assert r.kind == "list" and not r.abstained
    assert [p.place for p in r.parts] == ["张掖", "芜湖", "通化"]  # 来宾 and 灵台 name no 亩
    assert r.summary == "共3个地方：张掖（2000多亩）、芜湖（527亩）、通化（307亩）"
    assert all(p.answer.passage.places[0].startswith(p.place) for p in r.parts)


def test_list_reads_every_place_however_low_its_passage_ranks():
    a = assistant()
    filler = [Passage(f"r005-p{i:03d}", 5, f"灵台县双拥活动第{i}项。", 0, 9, places=("灵台县",)) for i in range(2, 32)]
    a.retriever.passages = PASSAGES[:3] + filler + PASSAGES[3:]  # 通化's passage 34th of 35
    r = a.ask("哪些城市为驻地部队划拨了土地？")
    assert [p.place for p in r.parts] == ["张掖", "芜湖", "通化"]
    # the 5 places searched, the 3 whose passages name 土地 read (来宾 and 灵台 never name it)
    assert (r.timings["places"], r.timings["places_named"], r.timings["places_read"]) == (5, 3, 3)
    assert a.retriever.calls[0] == (["为驻地部队划拨了多少土地？"], "per report")


def test_list_reads_at_most_list_places_and_says_so():
    a = Assistant(PlaceRetriever(), UnitReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None,
                                                                    list_places=2))
    r = a.ask("哪些城市为驻地部队划拨了土地？")  # the 2 places ranked highest of the 3 that name 土地, never the 3rd
    assert (r.timings["places_named"], r.timings["places_read"]) == (3, 2)
    assert r.summary == "共2个地方：张掖（2000多亩）、芜湖（527亩）（提到它的3个地方只读了排名靠前的2个）"
    none = a.ask("哪些城市建了双拥主题公园？")  # no passage names it: nothing read, the closest passages shown
    assert none.abstained and none.reason == "没有一个报告回答这个问题" and none.timings["places_read"] == 0
    assert none.hits and all(h.passage.report in TEXTS for h in none.hits)


class NamingReader(UnitReader):
    """Like UnitReader, but sure of a span without a figure for 公交专线 ("双拥号"): a place that did it, no count."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        out = super().read_batch(questions, passages, top_n=top_n, read_more_below=read_more_below)
        for i, (q, hits) in enumerate(zip(questions, passages)):
            p = hits[0].passage
            if "公交专线" in q and "双拥号" in p.text:
                start = p.text.index("双拥号")
                out[i] = ReadResult((Answer("双拥号", 0.9, p, start, start + 3, reader_score=5.0),), 5.0)
        return out


def test_a_place_list_keeps_a_place_whose_answer_has_no_figure():
    a = Assistant(PlaceRetriever(), NamingReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))
    text = "芜湖市开通“双拥号”拥军公交专线，服务官兵出行。"
    a.retriever.passages = [Passage("r002-p002", 2, text, 0, len(text), places=("芜湖市",)),
                            *(p for p in PASSAGES if p.report != 2)]
    listed = a.ask("哪些地方开通了拥军公交专线？")
    # the reader's "双拥号" is shown in the clause that names the listed thing (qa.lists.shown)
    assert listed.kind == "list" and {p.place: p.answer.text for p in listed.parts}.get("芜湖") == "芜湖市开通“双拥号”拥军公交专线"
    single = a.ask("芜湖开通了多少拥军公交专线？")  # asked alone, a count without a figure is still refused
    assert single.abstained and single.reason_code == "other_kind"


def test_a_place_list_needs_its_passage_to_name_what_is_listed():
    from qa.lists import listed_thing

    assert listed_thing("哪些城市为驻地部队划拨了土地？") == "土地" and listed_thing("哪几个地方建有军供站？") == "军供站"
    assert listed_thing("有哪几个地方建立了“兵妈妈”服务站？") == "兵妈妈服务站"
    a = assistant()
    text = "芜湖市为部队提供用地527亩。"  # a figure in 亩 the reader takes, but the passage names no 土地
    a.retriever.passages = [Passage("r002-p002", 2, text, 0, len(text), places=("芜湖市",)),
                            *(p for p in PASSAGES if p.report != 2)]
    r = a.ask("哪些城市为驻地部队划拨了土地？")
    assert sorted(p.place for p in r.parts) == sorted(["张掖", "通化"])  # their passages say 土地; 芜湖's says 用地
    text = "芜湖市为部队划拨土地527亩。"
    a.retriever.passages[0] = Passage("r002-p002", 2, text, 0, len(text), places=("芜湖市",))
    assert sorted(p.place for p in a.ask("哪些城市为驻地部队划拨了土地？").parts) == sorted(["张掖", "芜湖", "通化"])


def test_a_place_list_reads_the_passage_that_names_the_thing():
    from qa.lists import LIST_LOOK, listed_thing

    assert listed_thing("哪些城市让军人免费乘坐公交？") == "公交" and listed_thing("哪些地方有退役军人担任“兵支书”？") == "兵支书"
    a = assistant()
    first = Passage("r002-p001", 2, "芜湖市开展双拥活动30次。", 0, 13, places=("芜湖市",))
    second = Passage("r002-p002", 2, "芜湖市为部队划拨土地527亩。", 0, 15, places=("芜湖市",))
    a.retriever.passages = [first, second, *(p for p in PASSAGES if p.report != 2)]
    looked = []

    def best_per_report(query, k=1, *, reports=None, places=None):
        looked.append(k)
        found: dict = {}
        for r, p in enumerate(a.retriever.passages, 1):
            found.setdefault(p.report, []).append(Hit(p, 1.0 / (60 + r), r))
        return {n: hits[:k] for n, hits in found.items()}

    a.retriever.best_per_report = best_per_report
    r = a.ask("哪些城市为驻地部队划拨了土地？")
    assert looked == [LIST_LOOK] and {p.place: p.answer.passage.id for p in r.parts}["芜湖"] == "r002-p002"


def test_list_with_no_answering_place_is_not_found():
    r = assistant().ask("哪些城市建了双拥主题公园？")  # every passage: a low margin
    assert r.kind == "list" and r.abstained and r.reason_code == "no_part" and r.parts == ()


def test_single_questions_are_as_before():
    r = assistant().ask("芜湖建了多少个退役军人服务站？")
    assert r.kind == "single" and r.summary is None and r.parts == () and r.best.text == "1018个"
    assert r.to_dict()["question_used"] == "芜湖建了多少个退役军人服务站？"


def _part(place, text):
    from qa.types import Part, Response

    p = Passage(f"{place}-p1", 1, f"{place}：{text}。", 0, len(place) + len(text) + 2, places=(place,))
    answer = Answer(text, 0.9, p, len(place) + 1, len(place) + 1 + len(text))
    return Part(place, f"{place}的问题？", Response(f"{place}的问题？", (answer,), ()))


def test_compare_by_year_and_refusals():
    from qa.multi import compared, summed

    parts = [_part("延安", "2019年"), _part("汉中", "2008年5月")]
    assert compared(parts, "earlier") == ("汉中（2008年5月）早于延安（2019年）", "")
    assert compared(parts, "later") == ("延安（2019年）晚于汉中（2008年5月）", "")
    assert compared([_part("延安", "多年"), parts[1]], "earlier")[1] == "延安的答案“多年”不是一个年份，无法比较早晚"
    assert compared([_part("张掖", "企业拥军服务队"), _part("芜湖", "527亩")], "more")[1].startswith("张掖的答案")
    assert compared([_part("张掖", "12个"), _part("芜湖", "12个")], "more") == ("张掖（12个）与芜湖（12个）相同", "")
    three = [_part("广安", "1847个"), _part("来宾", "887个"), _part("濮阳", "2024个")]
    assert compared(three, "more")[0] == "濮阳（2024个）多于广安（1847个）多于来宾（887个）"
    assert summed([_part("张掖", "1.6亿元"), _part("芜湖", "3.5亿元")])[0] == "张掖（1.6亿元）＋芜湖（3.5亿元）＝5.1亿元"
    assert summed([_part("张掖", "12个"), _part("芜湖", "3家")]) == ("", "单位不同（个、家），不能相加")
    assert compared([_part("张掖", "50处"), _part("克拉玛依", "18个")], "more") == ("张掖（50处）多于克拉玛依（18个）", "")
    assert compared([_part("延安", "2亿多元"), _part("通化", "5千万元")], "more")[0] == "延安（2亿多元）多于通化（5千万元）（含约数）"


def test_a_list_reads_the_asking_clause_and_names_any_of_its_alternatives():
    from qa.lists import listed_thing, listed_things

    assert listed_thing("哪些城市的军人能免费坐公交车，不用花钱？") == "公交车"  # not 花钱, of the clause after
    assert listed_thing("哪些地方有爱国拥军促进会这样的组织？") == "爱国拥军促进会"
    assert listed_things("哪些地方建了创业孵化基地或者创业园？") == ("创业孵化基地", "创业园")
    a = assistant()
    text = "芜湖市建成退役军人创业园3个，孵化企业40家。"
    a.retriever.passages = [Passage("r002-p002", 2, text, 0, len(text), places=("芜湖市",)),
                            *(p for p in PASSAGES if p.report != 2)]
    r = a.ask("哪些地方建了创业孵化基地或者创业园？")
    assert [p.place for p in r.parts] == ["芜湖"]  # its passage names 创业园, the second alternative


def test_a_list_with_no_thing_to_name_says_how_many_of_all_places_it_read():
    a = Assistant(PlaceRetriever(), UnitReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None,
                                                                    list_places=4))
    r = a.ask("哪几个地方的官兵都去过？")  # nothing after 过: no thing to name, so every place is a candidate
    assert "places_named" not in r.timings and r.timings["places_read"] == 4
    assert (r.summary or r.reason).endswith("（只读了5个地方中排名靠前的4个）")

