"""Follow-up rewriting: a bare place after a question re-asks that question about the place."""
import pytest

from qa.interfaces.followup import find_place, place_keys, rewrite

PLACES = ["张掖市", "芜湖市", "陇东市", "庆阳", "西固区", "河北省", "巴州"]
FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"


@pytest.mark.parametrize("followup", ["那芜湖呢？", "那芜湖市呢？", "芜湖呢", "那么芜湖的呢?", "换成芜湖呢", " 芜湖怎么样？ "])
def test_bare_place_followups_re_ask_about_the_new_place(followup):
    assert rewrite(FIRST, followup, PLACES) == "芜湖市累计为驻地部队划拨了多少亩土地？"


def test_previous_question_without_suffix_is_matched_by_stem():
    assert rewrite("张掖累计划拨了多少亩土地？", "那庆阳呢？", PLACES) == "庆阳累计划拨了多少亩土地？"


def test_previous_question_without_a_place_is_scoped_to_the_new_one():
    assert rewrite("累计划拨了多少亩土地？", "那西固区呢", PLACES) == "西固区累计划拨了多少亩土地？"


@pytest.mark.parametrize("followup", ["芜湖市建了多少个服务站？", "那2022年呢？", "那上海呢？", "呢", ""])
def test_other_messages_are_unchanged(followup):
    assert rewrite(FIRST, followup, PLACES) == followup.strip()


def test_no_previous_question_means_no_rewrite():
    assert rewrite(None, "那芜湖呢？", PLACES) == "那芜湖呢？"


def test_place_keys_and_find_place_handle_suffixes():
    keys = place_keys(PLACES)
    assert keys["张掖"] == "张掖市" and keys["庆阳"] == "庆阳" and keys["巴州"] == "巴州"
    assert find_place("去年河北省累计", keys) == (2, 5, "河北省")
    assert find_place("陇东累计", keys) == (0, 2, "陇东市")
    assert find_place("没有地名", keys) is None


def test_a_followup_naming_no_known_place_does_not_become_the_context():
    """Issue case 10: after 那南京呢？ and 那火星呢？, 那芜湖呢？ re-asks the last real question."""
    from ui.chat import respond
    from qa.interfaces.fake import FakeAssistant

    assistant, previous, history = FakeAssistant(), None, []
    for message in (FIRST, "那开封呢？", "那火星呢？", "那芜湖呢？", "那芜湖呢？"):
        turn = respond(assistant, message, history, previous)
        history, previous = turn.history, turn.answered
    assert previous == "芜湖市累计为驻地部队划拨了多少亩土地？"
    assert "芜湖市那火星" not in "".join(m["content"] for m in history)


def test_a_bare_followup_is_never_glued_to_another():
    assert rewrite("那火星呢？", "那芜湖呢？", PLACES) == "那芜湖呢？"
