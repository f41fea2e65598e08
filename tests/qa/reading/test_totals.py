"""A question asking a total is not answered with a figure per so many people beside it."""
import pytest

from embeddings.types import Passage
from qa.reading.qualifiers import per_period
from qa.types import Answer

TEXT = "截至2023年底，全市累计建成5G基站1.32万座，每万人拥有5G基站18.7座，千兆光网覆盖家庭达到186万户。"
BEDS = "中医医院实际开放床位4880张，每千人口中医类医院床位数从0.82张提高到0.96张。"


def pool(text, *spans):
    p = Passage("r1-p1", 1, text, 0, len(text))
    return tuple(Answer(s, 10.0 - i, p, text.index(s), text.index(s) + len(s)) for i, s in enumerate(spans))


@pytest.mark.parametrize("question, text, spans, first", [
    ("湛江现在一共有多少个5G基站？", TEXT, ("18.7座", "1.32万座", "186万户"), "1.32万座"),
    ("湛江建了多少5G基站？", TEXT, ("18.7座", "186万户", "1.32万座"), "1.32万座"),
    ("荆州的中医医院开了多少张床？", BEDS, ("0.96张", "4880张"), "4880张"),
])
def test_a_total_asked_comes_before_a_figure_per_so_many_people(question, text, spans, first):
    assert per_period(question, pool(text, *spans))[0].text == first


@pytest.mark.parametrize("question, text, spans", [
    ("湛江每万人有多少5G基站？", TEXT, ("18.7座", "1.32万座")),  # a rate asked
    ("荆州人均有多少张中医床位？", BEDS, ("0.96张", "4880张")),
    ("湛江一共有多少个5G基站？", TEXT, ("18.7座", "186万户")),  # no figure of the same unit to stand in
    ("湛江一共有多少个5G基站？", TEXT, ("1.32万座", "18.7座")),  # the best is a total already
])
def test_a_rate_asked_or_no_total_of_its_unit_keeps_the_order(question, text, spans):
    assert [a.text for a in per_period(question, pool(text, *spans))][0] == spans[0]


def test_a_capacity_per_day_or_year_answers_a_question_per_day_or_year():
    text = "都京水厂二期工程于2023年11月30日建成通水，新增日供水能力10万立方米。"
    assert [a.text for a in per_period("二期建成后每天能多供多少水？", pool(text, "10万立方米"))] == ["10万立方米"]
    plant = "全市建成污水处理厂12座，年处理污水1.2亿吨，2023年投入资金3亿元。"
    assert per_period("每年能处理多少污水？", pool(plant, "1.2亿吨"))[0].text == "1.2亿吨"
    assert per_period("每年投入多少钱？", pool(plant, "3亿元")) == ()  # 2023年 is a year, not 年 of a rate
