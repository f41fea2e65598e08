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


def _cut(place, text, span):
    """A part whose answer is `span`, cut from a passage saying `text` (the reader cut the date short)."""
    from embeddings.types import Passage
    from qa.types import Answer, Part, Response

    p = Passage(f"{place}-p1", 1, text, 0, len(text), places=(place,))
    at = text.index(span)
    return Part(place, f"{place}的问题？", Response(f"{place}的问题？", (Answer(span, 0.9, p, at, at + len(span)),), ()))


def test_a_date_cut_short_is_compared_whole():
    from qa.compare_dates import with_whole_date
    from qa.multi import compared

    parts = [_cut("克拉玛依", "5月28日，克拉玛依市举行揭牌仪式。", "28日"), _cut("邯郸", "今年5月13日，一场招聘会举办。", "13日")]
    assert compared(parts, "earlier")[1].startswith("克拉玛依的答案")  # a bare day names no year
    grown = [with_whole_date(p) for p in parts]
    assert [p.answer.text for p in grown] == ["5月28日", "5月13日"]
    assert grown[0].answer.passage.text[grown[0].answer.start:grown[0].answer.end] == "5月28日"
    years = [_cut("汉中", "2022年8月制定出台管理办法。", "2022年"), _cut("许昌", "2022年6月入选示范单位。", "2022年")]
    assert compared(years, "earlier")[0] == "汉中（2022年）与许昌（2022年）相同"
    assert compared([with_whole_date(p) for p in years], "earlier")[0] == "许昌（2022年6月）早于汉中（2022年8月）"
    assert with_whole_date(_cut("张掖", "张掖建成28个服务站。", "28个")).answer.text == "28个"  # no date: as it was


def test_visits_are_not_people_and_round_figures_count():
    from qa.quantities import parse, total

    assert parse("2.5万人次").unit == "人次" and parse("3559人").unit == "人"
    assert not parse("2.5万人次").like(parse("3559人"))
    assert parse("过万").value == 10000 and parse("过万").inexact == "多"
    assert parse("超2万人次").inexact == "多"
    try:
        total([parse("3559人"), parse("2.5万人次")])
        raise AssertionError("人 and 人次 added up")
    except ValueError:
        pass


def test_people_and_visits_rank_but_never_add():
    from qa.multi import compared, summed

    parts = [_part("开封", "2900余名"), _part("珲春", "600余人次")]
    assert compared(parts, "more")[0].startswith("开封（2900余名）多于珲春（600余人次）")
    assert summed(parts)[1].startswith("单位不同")
