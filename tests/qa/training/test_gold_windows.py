"""Gold dev questions placed in the corpus as reader windows, with every accepted answer's span."""
from __future__ import annotations

import pytest

from embeddings.types import Passage
from qa.training.gold import GoldItem
from qa.training.gold_windows import answer_at, closest_passage, evidence_passage, gold_examples


def _item(question, answers, evidence, report=1):
    kind = "number" if answers else "unanswerable"
    return GoldItem("q", question, tuple(answers), evidence, report, kind, "lexical", "dev")


PASSAGES = [
    Passage("p1", 1, "张掖驻军支持援助产业发展设施建设15处，捐赠防疫物资37万元。", 0, 30, title="张掖市综述"),
    Passage("p2", 1, "芜湖开通拥军公交专线，方便官兵出行。", 30, 50, title="张掖市综述"),
    Passage("p3", 2, "通化市捐赠防疫物资37万元。", 0, 14, title="通化市综述"),
]


def test_evidence_is_found_across_white_space_in_its_own_report():
    item = _item("捐了多少物资？", ["37万元", "37万"], "捐赠防疫\n物资37万元")
    assert evidence_passage(item, PASSAGES).id == "p1"
    assert evidence_passage(_item("x", ["1"], "无此证据"), PASSAGES) is None


def test_every_accepted_answer_found_becomes_a_variant():
    item = _item("捐了多少物资？", ["37万元", "37万", "三十七万"], "捐赠防疫物资37万元")
    found = answer_at(item, PASSAGES[0])
    assert [a for a, _ in found] == ["37万元", "37万"]
    assert all(PASSAGES[0].text[s:s + len(a)] == a for a, s in found)


def test_unanswerable_items_read_the_closest_passage_of_their_report_as_no_answer():
    item = _item("芜湖的拥军公交专线是几路车？", [], "")
    assert closest_passage(item, PASSAGES).id == "p2"
    [[example]] = gold_examples([item], PASSAGES)
    assert example.answer == "" and example.answer_start == -1 and example.passage_id == "p2"


def test_items_not_found_in_the_corpus_are_left_out():
    assert gold_examples([_item("x", ["99万"], "捐赠防疫物资37万元")], PASSAGES) == []


@pytest.mark.parametrize("answers", [["15处", "15"]])
def test_variants_share_one_context(answers):
    [variants] = gold_examples([_item("建了多少处设施？", answers, "设施建设15处")], PASSAGES)
    assert {v.context for v in variants} == {PASSAGES[0].text} and len(variants) == 2
