from embeddings.types import Passage
from qa.interfaces.render import render_response
from qa.types import Answer, Hit, Response

P = Passage("r001-p001", 1, "连云港市为随军未就业家属每月发放生活补助650元。", 0, 25, subtitle="连云港市双拥工作综述",
            date="2023年8月3日", paragraph=2)


def test_an_answer_shows_its_citation_and_marked_excerpt():
    start = P.text.index("650元")
    text = render_response(Response("连云港每月发多少补助？", (Answer("650元", 9.0, P, start, start + 4),), (Hit(P, 1.0, 1),)))
    assert "答：650元" in text and "【650元】" in text and "报告1《连云港市双拥工作综述》（2023年8月3日）" in text


def test_no_answer_says_why_and_lists_the_closest_passages():
    text = render_response(Response("来宾每月发多少补助？", (), (Hit(P, 1.0, 1),), reason="找到的“650元”出自关于连云港市的报告"))
    assert "没有找到这个问题的答案（找到的“650元”出自关于连云港市的报告）" in text and "报告1《连云港市双拥工作综述》" in text
    assert "（" not in render_response(Response("来宾每月发多少补助？", (), ())).split("。")[0]


def test_confidence_is_a_calibrated_probability_when_the_reader_has_one():
    start = P.text.index("650元")
    calibrated = Answer("650元", 9.0, P, start, start + 4, reader_score=6.0, confidence=0.64)
    assert "置信度 64%（中）" in render_response(Response("连云港每月发多少补助？", (calibrated,), ()))
    raw = Answer("650元", 9.0, P, start, start + 4)
    assert "得分 9.00（未校准）" in render_response(Response("连云港每月发多少补助？", (raw,), ()))


def test_a_hedged_reply_says_not_found_and_offers_the_possible_answer_with_its_citation():
    start = P.text.index("650元")
    maybe = Answer("650元", 1.0, P, start, start + 4, reader_score=2.0, confidence=0.31)
    text = render_response(Response("连云港每月发多少补助？", (), (Hit(P, 1.0, 1),), reason="最接近的段落里没有把握找到答案",
                                    reason_code="low_confidence", possible=(maybe,)))
    assert "没有找到这个问题的答案" in text and "可能的答案（没有把握）：650元" in text and "（低）" in text
    assert "【650元】" in text and "报告1《连云港市双拥工作综述》" in text
    assert Response("q", (), (), possible=(maybe,)).to_dict()["hedged"] is True
    assert "可能的答案" not in render_response(Response("来宾每月发多少补助？", (), (Hit(P, 1.0, 1),)))
