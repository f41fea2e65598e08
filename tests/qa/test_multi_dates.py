"""Dates compared across reports: a month said without its year takes its report's."""
from tests.qa.test_multi import _part


def test_a_month_said_without_its_year_is_dated_by_its_report():
    from dataclasses import replace

    from qa.multi import compared

    anyang = _part("安阳", "4月")
    dated = replace(anyang.answer.passage, date="2023年7月5日")
    anyang = replace(anyang, response=replace(anyang.response, answers=(replace(anyang.answer, passage=dated),)))
    hanzhong = _part("汉中", "2022年12月")
    assert compared([hanzhong, anyang], "earlier") == ("汉中（2022年12月）早于安阳（4月）", "")
    assert compared([hanzhong, _part("安阳", "4月")], "earlier")[1].startswith("安阳的答案")  # no report date: no year
