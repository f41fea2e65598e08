"""Place lists bounded by a figure (…超过1000个的有哪些地方？): read from the question, each place's figure read and
compared, a place listed only when its figure meets the bound."""
import doctest

import qa.list_bounds
from qa.list_bounds import AT_LEAST, EQUAL, LESS, MORE, asked_bound, counted, figure_for
from qa.quantities import parse
from tests.qa.test_multi import assistant as fake


def test_the_module_examples_hold():
    result = doctest.testmod(qa.list_bounds)
    assert result.attempted > 0 and result.failed == 0


def test_the_bound_is_read_with_its_relation_number_and_measure():
    cases = {"哪些地方的退役军人服务站超过1000个？": (MORE, 1000, "个"),
             "悬挂光荣牌4万块以上的有哪几个城市？": (AT_LEAST, 40000, "块"),
             "全国双拥模范城正好拿过8回的城市有哪些？": (EQUAL, 8, "回"),
             "慰问官兵不到10次的是哪些地方？": (LESS, 10, "次"),
             "走访军属上万户的有哪些地方？": (AT_LEAST, 10000, "户"),
             "优待证办出去十万张以上的是哪些地方？": (AT_LEAST, 100000, "张"),
             "哪几个地方安置的退役士兵不少于两千名？": (AT_LEAST, 2000, "名")}
    for question, (relation, value, unit) in cases.items():
        b = asked_bound(question).bound
        assert (b.relation, b.quantity.value, b.quantity.unit) == (relation, value, unit), question


def test_a_list_without_a_figure_bound_has_none():
    for question in ("哪些地方建了双拥林？", "哪些地方在2020年以后建了服务站？", "一次性奖励金发给大学生的有哪些地方？",
                     "县级以上的双拥模范城有哪些？", "哪些城市是第一批全国双拥模范城？"):
        assert asked_bound(question) is None, question


def test_a_figure_meets_the_bound_only_in_a_like_measure_and_an_inexact_one_as_its_mark_says():
    more = asked_bound("服务站超过1000个的有哪些地方？").bound
    assert more.holds(parse("1018个")) and not more.holds(parse("1000个")) and more.holds(parse("1000余个"))
    # any count may meet it (what it counts is checked by its name beside it), never money, an area or nothing
    assert more.holds(parse("2000名")) and not more.holds(parse("1500万元")) and not more.holds(parse("2000亩"))
    assert not more.holds(None)
    less = asked_bound("服务站不到1000个的有哪些地方？").bound
    assert less.holds(parse("887个")) and not less.holds(parse("1000多个"))
    assert asked_bound("正好拿过8回全国双拥模范城的有哪些？").bound.holds(parse("八连冠"))  # 连冠 counts 次, as 回
    plaques = asked_bound("光荣牌挂了4万块以上的是哪几个城市？").bound
    assert plaques.holds(parse("12万余张")) and not plaques.holds(parse("12万余元"))  # any count, never money


def test_each_place_is_asked_its_figure_in_the_bounds_measure():
    assert counted("哪几个地方建的退役军人服务中心（站）") == ("退役军人服务中心",)
    assert figure_for(asked_bound("哪几个地方建的退役军人服务中心（站）在2000个以上？"), "汉中") == [
        "汉中建的退役军人服务中心（站）有多少个？"]
    assert figure_for(asked_bound("全国双拥模范城正好拿过8回的城市有哪些？"), "开封") == ["开封全国双拥模范城拿过多少回？"]


def test_a_bounded_list_lists_only_the_places_whose_figure_meets_it():
    assistant = fake()
    r = assistant.ask("哪些地方建成的退役军人服务站超过500个？")
    assert r.kind == "list"
    assert sorted(p.place for p in r.parts) == ["来宾", "芜湖"]  # 张掖's 120家 is below it
    assert "芜湖（1018个）" in r.summary and "张掖" not in r.summary
    r = assistant.ask("哪些地方建成的退役军人服务站不到500个？")
    assert [p.place for p in r.parts] == ["张掖"]
    r = assistant.ask("哪些地方建成的退役军人服务站超过5000个？")
    assert r.abstained and r.kind == "list" and r.reason


def test_a_figure_asked_per_month_is_kept_only_where_its_clause_says_per_month():
    from embeddings.types import Passage
    from qa.list_bounds import _checked
    from qa.types import Answer, Response

    text = "为随军未就业家属发放生活补助370余万元；张掖把补助标准提高到每人每月500元。"
    p = Passage("r1-p1", 1, text, 0, len(text))
    total = Answer("370余万元", 1.0, p, text.index("370"), text.index("370") + 6)
    monthly = Answer("500元", 1.0, p, text.index("500元"), text.index("500元") + 4)
    asked = "许昌随军家属每个月能领多少生活补助？"
    refused = _checked(Response(asked, (total,), ()), None, ("生活补助",))
    assert refused.abstained and refused.reason_code == "other_unit"
    assert not _checked(Response(asked, (monthly,), ()), None, ("补助",)).abstained


def test_colloquial_bounds_amount_words_and_bracketed_alternatives():
    from qa.list_bounds import asked_bound, counted, counted_last

    b = asked_bound("给优抚对象看病发的医疗补助（医疗保障金），写明的金额上了一千万元的，是哪些地方？")
    assert b.bound.relation == ">=" and b.bound.quantity.value == 1e7 and b.bound.quantity.unit == "元"
    assert asked_bound("拥军企业突破100家的有哪些地方？").bound.relation == ">"
    assert counted_last(b.head) == ()  # 金额 says how much, not of what: no noun to find beside the figure
    assert "医疗保障金" in counted(b.head)  # the bracket is an alternative, not joined to what it follows
    assert counted_last("双拥工作领导小组里的成员单位（部门）") == ("成员单位", "部门")
