"""Which place of the collection has the most of something (哪个城市…最多？): every place's figure read and ranked,
the first answering, the next shown beside it; never one report's passage read alone."""
import doctest

import qa.kinds
import qa.list_most
from qa.kinds import detect
from tests.qa.test_multi import assistant as fake

KNOWN = ["张掖市", "芜湖市", "来宾市", "灵台县"]


def test_the_module_examples_hold():
    result = doctest.testmod(qa.list_most)
    assert result.attempted > 0 and result.failed == 0


def test_a_question_for_the_place_with_the_most_is_a_comparison_of_every_place():
    assert detect("哪个城市建的退役军人服务站最多？", KNOWN).kind == "compare"
    assert detect("悬挂光荣牌最少的是哪个地方？", KNOWN).direction == "less"
    # a place named, or no ranking of a figure, is a single question as before
    assert detect("灵台县哪个乡镇的退役军人最多？", KNOWN).kind == "single"
    assert detect("哪个城市的双拥工作最有特色？", KNOWN).kind == "single"
    assert detect("哪个部队在张掖驻扎的时间最长？", KNOWN).kind == "single"


def test_the_places_are_ranked_by_their_figures_each_cited():
    r = fake().ask("哪个城市建成的退役军人服务站最多？")
    assert r.kind == "compare" and not r.abstained
    assert [p.place for p in r.parts] == ["芜湖", "来宾", "张掖"]  # 1018个, 887个, 120家 (家 and 个 count the same)
    assert r.summary.startswith("芜湖（1018个）最多，其次是来宾（887个）、张掖（120家）")
    assert all(p.answer.passage.text[p.answer.start:p.answer.end] == p.answer.text for p in r.parts)
    r = fake().ask("建成的退役军人服务站最少的是哪个地方？")
    assert r.summary.startswith("张掖（120家）最少")


def test_within_one_place_it_is_the_single_question_it_then_is():
    r = fake().ask("哪个地方建成的退役军人服务站最多？", places=["芜湖市"])
    assert r.kind == "single" and r.summary is None


def test_no_figure_anywhere_is_not_found():
    r = fake().ask("哪个城市建成的双拥公园最多？")
    assert r.abstained and r.kind == "compare" and r.reason


def test_a_follow_up_asks_the_rankings_other_end():
    from qa.conversation import Turn

    first = fake().ask("哪个城市建成的退役军人服务站最多？")
    r = fake().ask("那最少的呢？", history=[Turn("哪个城市建成的退役军人服务站最多？", first.summary)])
    assert r.question_used == "哪个城市建成的退役军人服务站最少？" and r.summary.startswith("张掖（120家）最少")


def test_every_places_figure_is_listed_largest_first_each_cited():
    assert detect("各地建成的退役军人服务站分别有多少个？", KNOWN) == qa.kinds.QuestionKind("list", (), each=True)
    assert not detect("各地都有哪些做法？", KNOWN).each  # no figure asked: not every place's figure
    r = fake().ask("各地建成的退役军人服务站分别有多少个？")
    assert r.kind == "list" and [p.place for p in r.parts] == ["芜湖", "来宾", "张掖"]
    assert r.summary == "共3个地方给出了数字：芜湖（1018个）、来宾（887个）、张掖（120家）"
    assert fake().ask("每个城市建成的退役军人服务站有多少个？", places=["来宾市"]).kind == "single"


def test_a_collection_of_one_place_answers_the_single_question():
    from qa.assistant import Assistant
    from qa.settings import Settings
    from tests.qa.test_multi import PASSAGES, PlaceRetriever, UnitReader
    from embeddings.types import Report

    retriever = PlaceRetriever()
    retriever.passages = [p for p in PASSAGES if p.report == 2]  # 芜湖 alone
    retriever.index.reports = [Report(2, "t", "芜湖市双拥工作综述", "", "s", retriever.passages[0].text, ("芜湖市",))]
    a = Assistant(retriever, UnitReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))
    r = a.ask("哪个城市建成的退役军人服务站最多？")
    assert r.kind == "single" and r.best.text == "1018个"
