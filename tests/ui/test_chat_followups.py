"""The chat resolves follow-ups with the same code as /ask and MCP (qa.conversation), and shows comparisons."""
from qa.interfaces.fake import FakeAssistant
from ui.chat import respond

FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"


def test_a_chain_of_follow_ups_and_a_reference():
    a = FakeAssistant()
    first = respond(a, FIRST, [], None)
    second = respond(a, "那芜湖呢？", first.history, first.answered)
    third = respond(a, "那张掖呢？", second.history, second.answered)
    assert third.answered == "张掖市累计为驻地部队划拨了多少亩土地？" and "<mark>2000多亩</mark>" in third.history[-1]["content"]
    compared = respond(a, "它和芜湖谁划拨的土地更多？", third.history, third.answered)
    reply = compared.history[-1]["content"]
    assert "按上文理解为：张掖和芜湖谁划拨的土地更多？" in reply and '<table class="qa-parts">' in reply
    assert "<mark>张掖（2000多亩）多于芜湖（300余亩）（含约数）</mark>" in reply


def test_the_chat_keeps_several_turns_so_a_comparison_or_total_after_two_places_works():
    a = FakeAssistant()
    first = respond(a, FIRST, [], None)
    second = respond(a, "那芜湖呢？", first.history, first.context)
    assert [q for q, _ in second.context] == [FIRST, "芜湖市累计为驻地部队划拨了多少亩土地？"]
    compared = respond(a, "哪个更多？", second.history, second.context)
    assert compared.response.kind == "compare" and compared.response.summary.startswith("张掖")
    summed = respond(a, "两个加起来多少？", second.history, second.context)
    assert summed.response.kind == "total"
    # an error keeps the context as it was
    failed = respond(a, "", second.history, second.context)
    assert failed.context == second.context
