"""Everyday words and the report words added for them to the keyword query (`qa.everyday`)."""
import pytest

from qa.everyday import report_words, with_report_words


@pytest.mark.parametrize("question,words", [
    ("泰安去年大家一共交了多少钱的公积金？", {"缴存", "缴纳"}),
    ("泰安去年用公积金贷出去了多少钱？", {"发放", "贷款"}),
    ("打零工、没固定单位的人从哪天起能交公积金？", {"灵活就业", "缴存"}),
    ("云陵路灯现在一年要耗多少电？", {"耗电量"}),
    ("周口小麦现在一亩能收多少？", {"单产", "亩产"}),
    ("周口去年一共打了多少粮食？", {"总产量"}),
    ("黄山去年着了几回山火？", {"火灾"}),
    ("军人买票能便宜多少？", {"优惠"}),
    ("菱浦芦湾县一年收了多少菜？", {"产量"}),  # a harvest: 产量 (98.3万吨), never 播种面积
])
def test_everyday_words_add_the_report_words(question, words):
    assert words <= set(report_words(question))
    assert with_report_words(question).startswith(question)


@pytest.mark.parametrize("question", ["交通局有多少人？", "提交了多少份材料？", "社交平台粉丝多少？", "转交了几封信？"])
def test_words_that_only_look_alike_add_nothing_for_paying(question):
    assert not {"缴纳", "缴存", "缴费"} & set(report_words(question))
