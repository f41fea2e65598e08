"""Formatting responses: escaped corpus and user text, <mark> from offsets, citations, abstention."""
import pytest

from embeddings.types import Passage
from qa.types import Answer, Hit, Response
from ui.format import NO_ANSWER, citation, escape, format_error, format_index_info, format_response, \
    highlight, source_block

P = Passage(id="r001-p004", report=1, text="累计为驻地部队划拨土地2000多亩，用于<建设>训练场地。", start=300, end=330,
            title="擦亮“彩虹城市双拥张掖”新品牌", subtitle="张掖市创建双拥模范城（县）工作综述", date="2023年8月3日",
            section="一、传承红色基因当好强军后盾", paragraph=4, places=("张掖市",))


def answer(text="2000多亩", score=7.3, confidence=0.87):
    start = P.text.index(text)
    return Answer(text, score, P, start, start + len(text), confidence=confidence)


def test_escape_neutralises_html_and_markdown():
    out = escape('<script>alert("x")</script> *b* $x$ [a](b)')
    assert "<" not in out and ">" not in out and "*" not in out and "$" not in out and "[" not in out
    assert "&lt;script&gt;" in out


def test_highlight_marks_exactly_the_offsets_and_escapes_the_rest():
    a = answer()
    out = highlight(P.text, a.start, a.end)
    assert out.count("<mark>") == 1 and "<mark>2000多亩</mark>" in out
    assert "&lt;建设&gt;" in out and "<建设>" not in out
    with pytest.raises(ValueError, match="outside"):
        highlight("abc", 2, 9)


def test_citation_has_title_date_section_and_paragraph():
    out = citation(P)
    for part in ("《擦亮“彩虹城市双拥张掖”新品牌》", "2023年8月3日", "一、传承红色基因当好强军后盾", "第4段"):
        assert escape(part) in out


def test_answer_reply_has_confidence_cited_excerpt_and_open_details():
    reply = format_response(Response("张掖市划拨了多少亩土地？", (answer(),), ()))
    assert "置信度 87%（高）" in reply
    assert "<details class=\"qa-source\" open>" in reply and "</details>" in reply
    assert "<summary>来源 1 · 《" in reply and "第4段" in reply
    assert reply.count("<mark>2000多亩</mark>") == 2  # the answer line and the excerpt
    assert "按上文理解为" not in reply


def test_rewritten_question_is_shown_escaped():
    reply = format_response(Response("芜湖市<b>划拨</b>了多少？", (answer(),), ()), rewritten_from="那芜湖呢？")
    assert "按上文理解为：芜湖市&lt;b&gt;划拨&lt;/b&gt;了多少？" in reply
    reworded = Response("芜湖市划了多少？", (answer(),), (), question_used="芜湖市划拨了多少？")
    reply = format_response(reworded, rewritten_from="芜湖市划了多少？", in_context=False)
    assert "理解为：芜湖市划拨了多少？" in reply and "按上文" not in reply


def test_abstention_shows_message_and_closest_passages_without_marks():
    hits = (Hit(P, 0.5, 1), Hit(P, 0.4, 2))
    reply = format_response(Response("开封有几只熊猫？", (), hits))
    assert NO_ANSWER in reply and "最接近的段落" in reply
    assert reply.count("<details") == 2 and "<mark>" not in reply and " open>" not in reply
    assert NO_ANSWER in format_response(Response("x", (), ())) and "没有找到相关段落" in format_response(Response("x", (), ()))
    why = format_response(Response("来宾发多少<补助>？", (), hits, reason="找到的“650元”出自关于<连云港市>的报告"))
    assert "qa-no-answer-reason" in why and "&lt;连云港市&gt;" in why


def test_other_answers_get_their_own_closed_blocks():
    reply = format_response(Response("q", (answer(), answer("训练场地", 0.2)), ()))
    assert "其他可能的答案 2：训练场地" in reply and reply.count("<details") == 2 and reply.count(" open>") == 1


def test_confidence_error_and_index_panel():
    uncalibrated = format_response(Response("张掖市划拨了多少亩土地？", (answer(confidence=None),), ()))
    assert "得分 7.30（未校准）" in uncalibrated and "置信度" not in uncalibrated
    assert format_error("<img src=x onerror=alert(1)>") == '<div class="qa-error">⚠️ &lt;img src=x onerror=alert&#40;1&#41;&gt;</div>'
    panel = format_index_info({"reports": 34, "passages": 603, "encoder": "m3e-small", "reader": "models/reader",
                               "report_list": [{"number": 1, "title": "t", "subtitle": "张掖|市", "date": "d",
                                                "places": ["张掖市"]}]})
    assert "34 篇" in panel and "603 个" in panel and "m3e&#45;small" in panel and "张掖&#124;市" in panel


def test_source_block_without_span_is_plain_excerpt():
    out = source_block("相近段落 1", P)
    assert "<mark>" not in out and out.startswith('<details class="qa-source"><summary>相近段落 1 · ')


def test_a_hedged_reply_marks_the_possible_answer_and_still_says_not_found():
    maybe = answer(confidence=0.3)
    reply = format_response(Response("张掖划了多少地？", (), (Hit(P, 0.5, 1),), possible=(maybe,)))
    assert NO_ANSWER in reply and "可能的答案" in reply and "<mark>2000多亩</mark>" in reply and "（低）" in reply
    assert reply.index("可能的答案") < reply.index(NO_ANSWER)  # the possible answer first, then why it is uncertain


def test_a_which_report_reply_names_the_place_and_marks_the_sentence_saying_it_in_its_passage():
    from qa.report_header import header_passage
    from embeddings.types import Report
    from qa.types import Part

    header = header_passage(Report(1, "擦亮新品牌", "张掖市创建双拥模范城（县）工作综述", "2023年8月3日", "a.txt", "…",
                                   places=("张掖市",)))
    place = Answer("张掖市", 1.8, header, header.text.index("张掖市"), header.text.index("张掖市") + 3, read_by="header")
    said = "累计为驻地部队划拨土地2000多亩，用于<建设>训练场地"
    evidence = Answer(said, 1.8, P, 0, len(said), read_by="source")
    part = Part("张掖市", "给部队划了两千多亩地", Response("给部队划了两千多亩地", (evidence,), (Hit(P, 0.5, 1),)))
    reply = format_response(Response("有份报告说给部队划了两千多亩地，是哪个市的？", (place,), (Hit(P, 0.5, 1),),
                                     kind="list", summary=f"张掖市的报告：{said}", parts=(part,)))
    assert "**出处：**" in reply and "张掖市的报告" in reply and "字词和语义相符 1.80/3" in reply
    assert "<mark>累计为驻地部队划拨土地2000多亩，用于&lt;建设&gt;训练场地</mark>" in reply  # marked, escaped
    assert "<details class=\"qa-source\" open>" in reply  # the one cited excerpt open, as a single answer's


def test_a_question_naming_no_place_gets_the_reason_alone_not_advice_to_search_wider():
    reply = format_response(Response("那里有多少个服务站？", (), (), reason="问题里的“那里”指哪个地方？请写明地方再问",
                                     reason_code="no_subject"))
    assert "请写明地方再问" in reply and "没有找到相关段落" not in reply
    assert "没有找到相关段落" in format_response(Response("张掖有多少个服务站？", (), (), reason_code="no_passages"))
