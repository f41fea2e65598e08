"""A figure of the kind and unit a question asks, just below the threshold, is lifted to it (qa.reading.unit_margin):
given at the threshold's confidence, never above it; a count of things, a bare number, a rate the clause does not
say, a figure too far below or the credit switched off stay "not found"; the checks of unit and period still run."""
import pytest
from tests_helpers import OnePassageRetriever, PoolReader

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.settings import UNIT_CREDIT, Settings

TEXT = ("2023年，全市电动自行车骑乘人员头盔佩戴率达93.5%，新建农村公路286公里，查阅档案2.86万人次，"
        "新增驾校12家，公园绿地服务半径覆盖率达到91.5%，全市用电量236亿千瓦时，电费186亿元。")
PASSAGE = Passage("r001-p002", 1, TEXT, 0, len(TEXT), subtitle="徐州市交通工作报告", places=("徐州市",))
THRESHOLD = -7.0


def ask(question, span, margin, monkeypatch, credit=None):
    if credit is not None:
        monkeypatch.setenv("QA_UNIT_CREDIT", str(credit))
    settings = Settings(no_answer_threshold=THRESHOLD, hedge_band=None, reword=False)
    reader = PoolReader(PASSAGE, [(span, margin)])
    return Assistant(OnePassageRetriever(PASSAGE), reader, settings=settings).ask(question)


@pytest.mark.parametrize("question,span", [
    ("徐州骑电瓶车戴头盔的现在占多少？", "93.5%"),  # 占多少 asks a share
    ("徐州去年修了多少公里农村路？", "286公里"),
    ("徐州去年到档案馆查资料的有多少人次？", "2.86万人次"),
    ("徐州去年全市用了多少电？", "236亿千瓦时"),  # a plain 多少: a figure with its unit
])
def test_a_figure_of_the_asked_kind_just_below_the_threshold_is_given_at_it(question, span, monkeypatch):
    r = ask(question, span, THRESHOLD - UNIT_CREDIT + 0.5, monkeypatch)
    assert not r.abstained and r.best.text == span
    assert r.best.reader_score == pytest.approx(THRESHOLD)  # lifted to the threshold, not past it


def test_an_answer_above_the_threshold_keeps_its_margin(monkeypatch):
    r = ask("徐州去年修了多少公里农村路？", "286公里", -2.0, monkeypatch)
    assert r.best.reader_score == pytest.approx(-2.0)


@pytest.mark.parametrize("question,span,margin,credit", [
    ("徐州去年新增了多少家驾校？", "12家", THRESHOLD - 1.0, None),  # a count of things: never lifted
    ("徐州去年全市用了多少电？", "236", THRESHOLD - 1.0, None),  # a bare number
    ("徐州的森林覆盖率是多少？", "91.5%", THRESHOLD - 1.0, None),  # the clause says another 覆盖率
    ("徐州去年修了多少公里农村路？", "286公里", THRESHOLD - UNIT_CREDIT - 0.5, None),  # too far below
    ("徐州去年修了多少公里农村路？", "286公里", THRESHOLD - 1.0, 0),  # switched off
    ("徐州去年修了多少公里农村路？", "2.86万人次", THRESHOLD - 1.0, None),  # another unit
])
def test_no_lift_for_counts_bare_numbers_unsaid_rates_far_margins_or_switched_off(question, span, margin, credit,
                                                                                 monkeypatch):
    r = ask(question, span, margin, monkeypatch, credit)
    assert r.abstained and r.reason_code == "low_confidence"


def test_the_checks_still_run_on_a_lifted_figure(monkeypatch):
    r = ask("徐州居民用电一度电多少钱？", "186亿元", THRESHOLD - 1.0, monkeypatch)  # per unit: not a total
    assert r.abstained and r.reason_code == "other_unit"


def test_a_bad_unit_credit_is_named_with_its_fix(monkeypatch):
    from embeddings.errors import InputError

    monkeypatch.setenv("QA_UNIT_CREDIT", "-1")
    with pytest.raises(InputError, match="QA_UNIT_CREDIT"):
        Settings()


def test_a_part_of_a_comparison_total_or_list_is_never_lifted(monkeypatch):
    from qa.types import Hit

    settings = Settings(no_answer_threshold=THRESHOLD, hedge_band=None, reword=False)
    reader = PoolReader(PASSAGE, [("286公里", THRESHOLD - 1.0)])
    assistant = Assistant(OnePassageRetriever(PASSAGE), reader, settings=settings)
    hits = [[Hit(PASSAGE, 1.0, 1)]]
    assert not assistant.read_hits(["徐州去年修了多少公里农村路？"], hits)[0].abstained  # a single question: lifted
    assert assistant.read_hits(["徐州去年修了多少公里农村路？"], hits, thorough=True)[0].abstained  # a place's part
    assert assistant.read_hits(["徐州去年修了多少公里农村路？"], hits, skip_checks=("other_kind",))[0].abstained
