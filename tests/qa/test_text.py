"""The one check of user text (qa.text): invalid Unicode, questions that ask nothing, markup (issue cases 1–3)."""
import pytest

from embeddings.errors import InputError
from qa.text import check_query, decode_line, normalise

GBK = "张掖市累计为驻地部队划拨了多少亩土地？".encode("gbk")


@pytest.mark.parametrize("text", ["\ud800张掖", "张掖\udfff", decode_line(GBK)])
def test_invalid_unicode_is_named_in_both_languages(text):
    with pytest.raises(InputError) as err:
        check_query(text, 500)
    message = str(err.value)
    assert "不是有效的 Unicode" in message and "not valid Unicode" in message and "UTF-8" in message
    assert message.encode("utf-8")  # the message itself can be printed and sent as JSON


@pytest.mark.parametrize("text", ["😀🎉🚀❤️", "？？？", "...!!!", "　 \u200b "])
def test_questions_that_ask_nothing_are_refused(text):
    with pytest.raises(InputError, match="asks nothing|question is empty"):
        check_query(text, 500)


def test_markup_is_refused_even_beside_chinese():
    with pytest.raises(InputError, match="HTML or script markup"):
        check_query("<script>alert(1)</script>张掖", 500)


def test_text_is_normalised_once():
    assert check_query("  张掖\u200b市\t累计\x07划拨？\n", 500) == "张掖市 累计划拨？"
    assert normalise("e\u0301") == "\u00e9"
    assert check_query("GDP 2023", 500) == "GDP 2023"  # Latin letters and digits do ask something


def test_errors_carry_a_chinese_message():
    with pytest.raises(InputError) as err:
        check_query("", 500)
    assert err.value.zh.startswith("问题为空") and str(err.value).startswith("问题为空")
