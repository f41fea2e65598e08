"""Lists, comparisons and totals in every interface: the CLI text, /ask, MCP ask and the chat UI, over the fake."""
import anyio
import pytest
from fastapi.testclient import TestClient

from qa.interfaces.fake import FakeAssistant
from qa.interfaces.render import render_response
from qa.interfaces.service import create_app
from ui.format import format_response

COMPARE = "张掖和芜湖谁给部队划拨的土地更多？"
MISSING = "张掖和开封一共划拨了多少土地？"  # the fake knows no land figure for 开封


def test_cli_text_shows_the_summary_and_each_cited_part():
    text = render_response(FakeAssistant().ask(COMPARE))
    assert "答：张掖（2000多亩）多于芜湖（300余亩）" in text and "（比较）" in text
    assert "- 张掖：2000多亩" in text and "子问题：张掖给部队划拨了多少土地？" in text
    assert "出处：报告1" in text and "【2000多亩】" in text and "【300余亩】" in text
    missing = render_response(FakeAssistant().ask(MISSING))
    assert "没有找到这个问题的答案（开封的报告没有提到" in missing and "- 开封：没有找到" in missing


def test_http_ask_carries_kind_summary_parts_and_question_used():
    client = TestClient(create_app(FakeAssistant()), raise_server_exceptions=False)
    body = client.post("/ask", json={"question": COMPARE}).json()
    assert body["kind"] == "compare" and body["summary"].startswith("张掖（2000多亩）多于芜湖（300余亩）")
    assert body["question_used"] == COMPARE and not body["abstained"]
    first = body["parts"][0]
    assert (first["place"], first["text"], first["report"]) == ("张掖", "2000多亩", 1)
    assert first["answer"]["passage"]["text"][first["answer"]["start"]:first["answer"]["end"]] == "2000多亩"
    assert first["citation"]["report"] == 1 and first["confidence"] == 0.91
    missing = client.post("/ask", json={"question": MISSING}).json()
    assert missing["abstained"] and missing["kind"] == "total" and missing["summary"] is None
    assert missing["reason"].startswith("开封的报告没有提到") and missing["reason_code"] == "missing_part"
    assert [p["abstained"] for p in missing["parts"]] == [False, True]
    single = client.post("/ask", json={"question": "张掖市累计为驻地部队划拨了多少亩土地？"}).json()
    assert single["kind"] == "single" and single["summary"] is None and single["parts"] == []


def test_mcp_ask_carries_the_parts():
    pytest.importorskip("mcp")
    from test_mcp import _session_calls

    _, (reply,) = anyio.run(_session_calls, [("ask", {"question": COMPARE})])
    content = reply.structured_content
    assert content["kind"] == "compare" and [p["place"] for p in content["parts"]] == ["张掖", "芜湖"]
    assert content["parts"][1]["citation"]["report"] == 2


def test_chat_shows_a_table_with_every_value_marked_and_cited():
    html = format_response(FakeAssistant().ask(COMPARE))
    assert "<mark>张掖（2000多亩）多于芜湖（300余亩）" in html
    assert '<table class="qa-parts">' in html and html.count("<tr><td>") == 2
    assert "<td><mark>2000多亩</mark></td>" in html and "<td><mark>300余亩</mark></td>" in html
    assert "《擦亮“彩虹城市双拥张掖”新品牌》" in html  # each row cites its report
    assert html.count('class="qa-source"') == 2 and "<mark>2000多亩</mark>，用于" in html  # excerpts marked
    missing = format_response(FakeAssistant().ask(MISSING))
    assert "开封的报告没有提到" in missing and "<td>开封</td><td>没有找到" in missing


def test_a_hedged_part_shows_its_possible_answer_but_the_whole_stays_not_found():
    from dataclasses import replace

    response = FakeAssistant().ask(COMPARE)
    wuhu = response.parts[1]
    hedged = replace(wuhu, response=replace(wuhu.response, answers=(), possible=wuhu.response.answers,
                                            reason="最接近的段落里没有把握找到答案"))
    shown = replace(response, answers=(), summary=None, reason="芜湖的报告没有提到…", parts=(response.parts[0], hedged))
    html = format_response(shown)
    assert "<td>芜湖</td><td>没有找到（最接近的段落里没有把握找到答案）；可能的答案（没有把握）：<mark>300余亩</mark>" in html
    assert "可能的答案（没有把握）：300余亩  出处：报告2" in render_response(shown)


def test_http_and_mcp_ask_take_a_history():
    client = TestClient(create_app(FakeAssistant()), raise_server_exceptions=False)
    history = [{"question": "张掖市累计为驻地部队划拨了多少亩土地？", "answer": "2000多亩"}]
    body = client.post("/ask", json={"question": "那芜湖呢？", "history": history}).json()
    assert body["question"] == "那芜湖呢？" and body["question_used"] == "芜湖市累计为驻地部队划拨了多少亩土地？"
    assert body["answers"][0]["text"] == "300余亩"
    bad = client.post("/ask", json={"question": "那芜湖呢？", "history": [{"question": 1}]})
    assert bad.status_code == 422
    pytest.importorskip("mcp")
    from test_mcp import _session_calls

    _, (reply,) = anyio.run(_session_calls, [("ask", {"question": "该市划拨了多少土地？", "history": history})])
    assert reply.structured_content["question_used"] == "张掖划拨了多少土地？"
    assert reply.structured_content["answers"][0]["text"] == "2000多亩"
