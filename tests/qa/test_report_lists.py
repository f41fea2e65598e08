"""Questions over the collection's headers: titles holding a word, reports dated in a month, the first or last."""
import pytest

from embeddings.types import Report
from qa.report_lists import asked_words, dated_month, header_list

REPORTS = [Report(1, "擦亮新品牌", "张掖市创建双拥模范城工作综述", "2023年5月9日", "a.txt", "…", ("张掖市",)),
           Report(2, "新时代鱼水情深", "芜湖市双拥工作综述", "2023年7月31日", "b.txt", "…", ("芜湖市",)),
           Report(3, "军民同心", "灵台县争创双拥模范县综述", "2023年5月14日", "c.txt", "…", ("灵台县",)),
           Report(4, "没有日期的报告", "", "", "d.txt", "…", ())]


def places(response):
    return [p.place for p in response.parts]


def test_titles_holding_a_word():
    r = header_list("哪些城市的报告标题里带“新时代”？", REPORTS)
    assert r.kind == "list" and places(r) == ["芜湖"] and r.summary == "芜湖"
    assert r.parts[0].answer.text == "新时代鱼水情深" and r.parts[0].answer.read_by == "header"
    either = header_list("题目里有“创建”或者“争创”的是哪几篇？", REPORTS)
    assert places(either) == ["张掖", "灵台"]
    assert [p.answer.text for p in either.parts] == ["张掖市创建双拥模范城工作综述", "灵台县争创双拥模范县综述"]


def test_no_title_holds_it_is_said():
    r = header_list("标题里有“乡村振兴”的是哪几篇？", REPORTS)
    assert r.abstained and r.reason == "没有哪篇报告的标题含“乡村振兴”"


def test_reports_dated_in_a_month():
    assert places(header_list("落款日期在2023年5月的有哪几篇？", REPORTS)) == ["张掖", "灵台"]
    assert places(header_list("哪几篇报告是7月份写的？", REPORTS)) == ["芜湖"]
    assert header_list("落款日期在2022年5月的有哪几篇？", REPORTS).abstained  # the year must fit too


def test_the_first_and_the_last():
    first = header_list("哪篇报告落款最早？", REPORTS)
    assert first.kind == "compare" and first.summary.startswith("张掖（2023年5月9日）最早，其次是灵台")
    assert header_list("最新的一篇报告是哪个城市的？", REPORTS).summary.startswith("芜湖（2023年7月31日）最晚")


@pytest.mark.parametrize("question", ["哪些城市建了双拥公园？", "芜湖在2023年5月发布了什么方案？",
                                      "哪个城市最早开展双拥工作？", "张掖的报告是哪天写的？"])
def test_questions_about_what_reports_say_are_left_alone(question):
    assert header_list(question, REPORTS) is None


def test_the_words_and_months_asked():
    assert asked_words("标题里出现双拥两个字的有几篇？") == ["双拥"]
    assert dated_month("哪几篇是8月份写的？") == (None, 8) and dated_month("哪些城市在2023年5月举办了活动？") is None


def test_the_collection_itself():
    every = header_list("一共有多少篇报告？", REPORTS)
    assert every.kind == "list" and every.summary == "共4篇：张掖、芜湖、灵台、没有日期的报告"
    assert header_list("都有哪些报告？", REPORTS).summary == every.summary
    assert header_list("张掖有几篇报告获奖？", REPORTS) is None and header_list("一共有多少篇报告？", []).abstained


def test_a_place_of_several_reports_is_named_once_with_their_number():
    two = REPORTS + [Report(5, "张掖新篇章", "张掖市双拥工作综述", "2023年8月3日", "e.txt", "…", ("张掖市",))]
    assert header_list("一共有多少篇报告？", two).summary == "共5篇：张掖（2篇）、芜湖、灵台、没有日期的报告"
