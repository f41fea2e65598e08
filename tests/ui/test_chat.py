"""One chat turn without a browser: answers, follow-ups, filters and clear messages for bad input."""
import pytest

from embeddings.errors import IndexNotFoundError
from ui.chat import check_question, index_info, known_places, respond, shorten
from qa.interfaces.fake import FakeAssistant

FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"


@pytest.fixture
def assistant():
    return FakeAssistant()


def test_answer_turn_appends_user_and_assistant_messages(assistant):
    turn = respond(assistant, FIRST, [], None)
    assert [m["role"] for m in turn.history] == ["user", "assistant"]
    assert turn.history[0]["content"] == FIRST and turn.answered == FIRST
    assert "<mark>2000多亩</mark>" in turn.history[1]["content"]


def test_followup_is_answered_about_the_new_place(assistant):
    first = respond(assistant, FIRST, [], None)
    turn = respond(assistant, "那芜湖呢？", first.history, first.answered)
    reply = turn.history[-1]["content"]
    assert turn.answered == "芜湖市累计为驻地部队划拨了多少亩土地？"
    assert "按上文理解为：芜湖市累计为驻地部队划拨了多少亩土地？" in reply and "<mark>300余亩</mark>" in reply
    assert turn.history[-2]["content"] == "那芜湖呢？" and len(turn.history) == 4


def test_filters_reach_the_assistant(assistant):
    reply = respond(assistant, FIRST, [], None, places=["芜湖"]).history[-1]["content"]
    assert "这些报告没有回答这个问题" in reply and "2000多亩" not in reply


@pytest.mark.parametrize("message, expected", [
    ("", "问题为空"),
    ("   ", "问题为空"),
    ("张" * 100_000, "上限是 500"),
    ("How much land was allotted?", "不含汉字"),
    ("<script>alert('x')</script>张掖划拨土地？", "HTML 或脚本标记"),
    ("张掖<img src=x onerror=alert(1)>", "HTML 或脚本标记"),
])
def test_bad_input_gets_a_clear_message_and_keeps_context(assistant, message, expected):
    turn = respond(assistant, message, [], FIRST)
    reply = turn.history[-1]["content"]
    assert expected in reply and "Traceback" not in reply and turn.answered == FIRST
    assert "<script" not in "".join(m["content"] for m in turn.history)
    assert "<img" not in "".join(m["content"] for m in turn.history)
    assert len(turn.history[0]["content"]) < 1000  # a huge message is echoed shortened
    assert assistant.calls == 0


def test_assistant_failures_never_show_a_traceback(assistant, monkeypatch):
    monkeypatch.setattr(assistant, "ask", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom secret")))
    reply = respond(assistant, FIRST, [], None).history[-1]["content"]
    assert "内部错误" in reply and "boom" not in reply
    monkeypatch.setattr(assistant, "ask", lambda *a, **k: (_ for _ in ()).throw(IndexNotFoundError("no index at x")))
    reply = respond(assistant, FIRST, [], None).history[-1]["content"]
    assert "系统尚未就绪" in reply and "no index at x" not in reply  # the UI speaks Chinese only


def test_check_question_shorten_and_index_info(assistant):
    assert check_question("  张掖？ ") == "张掖？"
    assert shorten("abcdef", 3) == "abc…（共 6 字）" and shorten("abc", 3) == "abc"
    assert known_places(assistant) == ["张掖市", "芜湖市", "开封市", "陇东市"]
    info = index_info(assistant)
    assert info["reports"] == 4 and info["encoder"] == "fake-encoder" and info["reader"] == "fake-reader"
