"""Which report says it (qa.source): the place of the one report whose sentence says the description, cited with
that sentence; "not found" when no report says it, or when two say it alike."""
import pytest

import qa.source
from qa.assistant import Assistant
from qa.settings import Settings
from tests.qa.test_lists import StrayReader


@pytest.fixture
def assistant(mini_index, hashing_encoder):
    from qa.retrieval.retriever import Retriever

    retriever = Retriever.load(mini_index, encoder=hashing_encoder)
    return Assistant(retriever, StrayReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))


def test_the_place_of_the_report_saying_it_is_answered_from_its_header_and_its_sentence_cited(assistant):
    r = assistant.ask("我记得有份报告说学校开设航空班给部队输送飞行学员，是哪个地方的？")
    assert r.best.text == "乙县" and r.best.read_by == "header"  # the place as the report's header writes it
    assert r.best.passage.text[r.best.start:r.best.end] == "乙县"
    (part,) = r.parts
    said = part.answer
    assert part.place == "乙县" and "飞行学员" in said.text and said.read_by == "source"
    assert said.passage.text[said.start:said.end] == said.text and said.passage.report == 2
    assert r.summary.startswith("乙县的报告：") and r.question_used == r.question


def test_a_detail_no_report_says_is_not_found_and_names_what_was_looked_for(assistant):
    r = assistant.ask("有份报告说给军属免费修理电动自行车，是哪个市的？")
    assert r.abstained and r.reason_code == "no_source" and "免费修理电动自行车" in r.reason


def test_a_place_question_inside_a_report_and_a_ranking_are_no_source_questions(assistant):
    assert qa.source.asks_source("乙县为驻地部队提供的用地在哪个县？") == ""
    assert qa.source.asks_source("哪个城市建的双拥林最多？") == ""
    r = assistant.ask("有份报告说乙县为驻地部队提供用地，是哪个市的？")  # names a place: asked of that place
    assert r.reason_code != "no_source" and not r.parts


def test_a_sentence_said_alike_by_two_reports_is_not_one_report_s(monkeypatch, assistant):
    from qa.source import Said, answer_source

    hits = assistant.retriever.search_batch(["开展双拥活动"], 10)[0]
    by_report = {h.passage.report: h for h in hits}
    twins = [Said(by_report[1], 0, 4, 2.0), Said(by_report[2], 0, 4, 1.9)]  # within MIN_LEAD of each other
    monkeypatch.setattr(qa.source, "best_said", lambda *a, **k: twins)
    r = answer_source(assistant, "开展双拥活动的是哪个市的报告？", "开展双拥活动")
    assert r.abstained and r.reason_code == "no_source" and r.possible == ()


def test_support_counts_rare_pairs_and_content_characters():
    from qa.reading.rarity import PairRarity
    from qa.source import shares

    rarity = PairRarity.from_texts(["退役军人就业服务", "退役军人签订意向协议", "退役军人优待证"], min_chars=1)
    assert shares("签订意向", "退役军人签订意向协议", rarity) == 2.0
    assert shares("退役军人签约", "退役军人签订意向协议", rarity) < shares("签订意向", "签订意向", rarity)
    assert shares("", "任何句子", rarity) == 0.0


def test_a_follow_up_after_a_which_report_answer_asks_of_the_place_answered(assistant):
    from qa.conversation import Turn

    first = "我记得有份报告说学校开设航空班给部队输送飞行学员，是哪个地方的？"
    r = assistant.ask("那里为驻地部队提供了多少亩用地？", history=[Turn(first, "乙县")])
    assert r.question_used.startswith("乙县")


def test_a_detail_said_with_a_small_lead_is_a_possible_answer_shown_with_its_passage_first(monkeypatch, assistant):
    from qa.source import Said, answer_source

    hits = assistant.retriever.search_batch(["输送飞行学员"], 10)[0]
    by_report = {h.passage.report: h for h in hits}
    near = [Said(by_report[2], 0, 4, 1.45), Said(by_report[1], 0, 4, 1.2)]  # leads by 0.25: possible, not sure
    monkeypatch.setattr(qa.source, "best_said", lambda *a, **k: near)
    r = answer_source(assistant, "输送飞行学员的是哪个地方的报告？", "输送飞行学员")
    assert r.abstained and r.reason_code == "no_source"
    assert [a.text for a in r.possible] == ["乙县"] and r.hits[0] is by_report[2]


def test_asking_which_other_places_did_the_same_lists_the_places_saying_the_detail(assistant):
    from qa.conversation import Turn

    first = "我记得有份报告说学校开设航空班给部队输送飞行学员，是哪个地方的？"
    r = assistant.ask("还有别的地方也这样做吗？", history=[Turn(first, "乙县")])
    assert r.question_used == "哪些地方学校开设航空班给部队输送飞行学员？" and r.kind == "list"
