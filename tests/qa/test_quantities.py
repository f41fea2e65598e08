"""Numbers in answers: parsed, normalised, compared and added (hand-computed)."""
import pytest

from qa.quantities import Quantity, chinese_number, parse, total, written, year


@pytest.mark.parametrize("text, value, unit, inexact", [
    ("527亩", 527, "亩", ""), ("2000多亩", 2000, "亩", "多"), ("300余亩", 300, "亩", "多"),
    ("1.6万亩", 16000, "亩", ""), ("1.2万平方米", 18, "亩", ""),  # 12000 m² / 666.67 = 18 亩
    ("3公顷", 45, "亩", ""), ("1.6亿元", 1.6e8, "元", ""), ("628.8万元", 6288000, "元", ""),
    ("近500名", 500, "名", "约"), ("1200人左右", 1200, "人", "约"), ("超过30家", 30, "家", "多"),
    ("两千多亩", 2000, "亩", "多"), ("1018个示范站", 1018, "个", ""),
    ("近万件", 1e4, "件", "约"), ("上千人", 1000, "人", "多"),  # a round figure without a digit
    ("5千万元", 5e7, "元", ""), ("3千元", 3000, "元", ""), ("1.2千万元", 1.2e7, "元", ""), ("3千多名", 3000, "名", "多"),
])
def test_parse(text, value, unit, inexact):
    q = parse(text)
    assert q is not None and q.value == pytest.approx(value) and (q.unit, q.inexact) == (unit, inexact)


def test_a_count_with_the_general_measure_word_ranks_against_another_count_of_things_only():
    assert parse("50处").comparable(parse("18个")) and parse("18个").comparable(parse("6所"))
    assert not parse("918支").comparable(parse("2024个"))  # teams against stations: two things
    assert not parse("50处").like(parse("18个"))  # still never added up
    assert not parse("50名").comparable(parse("18个")) and not parse("5次").comparable(parse("18个"))
    assert not parse("3家").comparable(parse("2处")) and not parse("30万元").comparable(parse("18个"))
    assert written(parse("5千万元")) == "5000万元"


def test_counts_of_items_in_two_measure_words_rank_but_never_add_up():
    assert parse("31个").comparable(parse("14件")) and parse("50多份").comparable(parse("20余项"))
    assert parse("12条").comparable(parse("3份")) and not parse("31个").like(parse("14件"))
    assert not parse("14件").comparable(parse("5处")) and not parse("20项").comparable(parse("6次"))
    assert not parse("20项").comparable(parse("6名")) and not parse("918支").comparable(parse("20项"))
    assert parse("180余次").comparable(parse("40多场")) and parse("6次").comparable(parse("130多场次"))
    assert not parse("6次").comparable(parse("20项")) and not parse("6次").like(parse("40场"))
    # plaques and banners stay apart (350余幅 of slogans is no count of 块 plaques)
    assert not parse("350余幅").comparable(parse("11821块")) and not parse("一条").comparable(parse("200多块"))


def test_no_number_is_none():
    assert parse("企业拥军服务队") is None and chinese_number("双拥") is None and chinese_number("一百零五") == 105


def test_total_adds_like_units_and_says_when_inexact():
    assert written(total([parse("2000多亩"), parse("527亩"), parse("307亩")])) == "2834多亩"
    assert written(total([parse("527亩"), parse("1.2万平方米")])) == "545亩"
    assert written(total([parse("3.5亿元"), parse("628.8万元")])) == "35628.8万元"  # 35000 + 628.8 万
    assert written(total([parse("1.6亿元"), parse("3.5亿元")])) == "5.1亿元"
    assert written(total([parse("近500名"), parse("120人"), parse("30多名")])) == "约650名"
    assert written(total([parse("1018个"), parse("887个")])) == "1905个"


def test_unlike_units_never_add():
    with pytest.raises(ValueError, match="cannot add 个 to 家"):
        total([parse("12个"), parse("3家")])
    with pytest.raises(ValueError):
        total([parse("527亩"), parse("3.5亿元")])


def test_like_and_year():
    assert Quantity(1, "名").like(Quantity(2, "人")) and not Quantity(1, "个").like(Quantity(1, "处"))
    assert year("2019年5月") == 2019 and year("三年") is None


def test_n_lian_guan_counts_wins_in_ci():
    assert parse("八连冠") == parse("8次") and parse("四连冠").value == 4 and parse("四连冠").unit == "次"
    assert parse("连续5年").unit == "年"  # only 连冠 is a count of wins


def test_trees_counted_in_either_measure_word_rank_and_add():
    from qa.quantities import parse, total

    assert parse("2000余棵").like(parse("2万余株")) and not parse("2000余棵").like(parse("20多个"))
    assert total([parse("2000余棵"), parse("300株")]).value == 2300


def test_pingmi_is_square_metres():
    small, large = parse("360平米"), parse("1880平方米")
    assert small is not None and small.comparable(large) and small.value < large.value
    assert abs(parse("1500平米").value - parse("1500平方米").value) < 1e-9
