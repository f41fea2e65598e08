"""Plans and targets told from facts (qa.reading.plans): which spans state a plan, which questions ask for one,
and the reader reading on, then leading with a fact, when its best answer is a plan's for a question about facts."""
import pytest

from embeddings.types import Passage
from qa.reading.plans import asks_plan, facts_first, in_plan, leads_with_other
from qa.training.tiny import make_tiny_reader
from qa.types import Answer, Hit
from tests_helpers import counting_reader

PLAN = Passage("r001-p009", 1, "2024年，计划新改建农村公路300公里，力争优良中等路率提高到94%。", 0, 36)
FACT = Passage("r001-p001", 1, "2023年，全市新改建农村公路286公里，农村公路优良中等路率达到92.4%。", 0, 38)
UNDER_PLAN_HEADING = Passage("r001-p010", 1, "新建农村公路200公里。", 0, 12, section="三、下一步打算")


def at(passage: Passage, text: str, score: float = 1.0) -> Answer:
    start = passage.text.index(text)
    return Answer(text, score, passage, start, start + len(text), reader_score=score)


@pytest.mark.parametrize("passage, span, plan", [
    (PLAN, "300公里", True), (PLAN, "94%", True), (FACT, "286公里", False), (FACT, "92.4%", False),
    (UNDER_PLAN_HEADING, "200公里", True),
    (Passage("x", 1, "规划建设张掖国防园，目前已投入600万元。", 0, 20), "600万元", False),  # a fact after the plan
    (Passage("x", 1, "规划建设国防园，计划投入600万元。", 0, 17), "600万元", True),
    (Passage("x", 1, "安置计划分配军转干部557人。", 0, 14), "557人", False),  # 安置计划: a noun, no plan
    (Passage("x", 1, "为共建学校争取资金160万元。", 0, 15), "160万元", False),  # 争取 here is what was secured
])
def test_in_plan(passage, span, plan):
    assert in_plan(passage, passage.text.index(span)) is plan


def test_asks_plan():
    assert asks_plan("嘉兴明年计划修多少公里农村路？") and asks_plan("优良中等路率的目标是多少？")
    assert not asks_plan("嘉兴去年一共修了多少公里农村路？") and not asks_plan("优良中等路率现在是多少？")


def test_a_fact_leads_a_plan_and_brings_its_own_margin():
    answers = [at(PLAN, "300公里", 9.0), at(PLAN, "公里", 2.0), at(FACT, "286公里", -4.0)]
    ranked, margin = facts_first(answers, "嘉兴去年修了多少公里农村路？", 9.0)
    assert [a.text for a in ranked] == ["286公里", "300公里", "公里"] and margin == -4.0
    # a question about the plan, or no whole fact to put first: nothing changes
    assert facts_first(answers, "嘉兴明年计划修多少公里农村路？", 9.0) == (answers, 9.0)
    assert facts_first(answers[:2] + [at(FACT, "公里", 1.0)], "修了多少公里？", 9.0)[1] == 9.0
    assert leads_with_other(answers, "修了多少公里？") and not leads_with_other(answers[2:], "修了多少公里？")


@pytest.fixture(scope="module")
def tiny_reader_dir(tmp_path_factory):
    return make_tiny_reader(tmp_path_factory.mktemp("tiny-reader"), [UNDER_PLAN_HEADING.text, FACT.text, "修了多少公里？"])


def test_the_reader_reads_on_past_a_plan_and_leads_with_a_fact(tiny_reader_dir):
    reader, calls = counting_reader(tiny_reader_dir)
    hits = [Hit(UNDER_PLAN_HEADING, 0.03, 1), Hit(FACT, 0.02, 2)]
    asked_fact = reader.read_batch(["修了多少公里？"], [hits], top_n=3, read_more_below=-1e9)[0]
    assert len(calls) == 2  # sure of its first passage, yet every span there is a plan's: the second is read
    best = asked_fact.answers[0]
    assert best.passage.id == FACT.id and not in_plan(FACT, best.start)
    assert asked_fact.margin <= best.reader_score  # the fact's own margin, never the plan's
    calls.clear()
    reader.read_batch(["明年计划修多少公里？"], [hits], top_n=3, read_more_below=-1e9)
    assert len(calls) == 1  # a question about plans is answered from the plan
