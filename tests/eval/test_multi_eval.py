"""Scoring lists, comparisons and totals (eval.multi) on hand-built responses."""
from qa.interfaces.fake import FakeAssistant

from eval.multi import same, score_one


def test_same_compares_numbers_with_like_units():
    assert same("2000多亩", "2000多亩") and same("1.2万平方米", "18亩") and not same("12个", "12家") and not same(None, "1个")


def test_score_one():
    a = FakeAssistant()
    compare = a.ask("张掖和芜湖谁给部队划拨的土地更多？")
    gold = {"id": "m1", "question": compare.question, "kind": "compare", "winner": "张掖",
            "values": {"张掖": "2000多亩", "芜湖": "300亩"}}
    assert score_one(gold, compare)["right"]
    assert not score_one({**gold, "winner": "芜湖"}, compare)["right"]
    assert not score_one({**gold, "values": {"张掖": "2000多亩", "芜湖": "301亩"}}, compare)["right"]
    missing = a.ask("张掖和开封一共划拨了多少土地？")
    assert score_one({"id": "m2", "question": "", "kind": "total", "answerable": False}, missing)["right"]
    listed = a.ask("哪些城市为部队划拨了土地？")
    verdict = score_one({"id": "m3", "question": "", "kind": "list", "items": ["张掖", "芜湖", "通化"]}, listed)
    assert verdict["recall"] == 0.667 and verdict["extra"] == [] and not verdict["right"]
    verdict = score_one({"id": "m3", "question": "", "kind": "list", "items": ["张掖"]}, listed)
    assert verdict["extra"] == ["芜湖"] and not verdict["right"]


def test_unanswerable_rows_in_either_spelling_and_rows_without_gold_named():
    import pytest

    from eval.multi import check_row

    missing = FakeAssistant().ask("张掖和开封一共划拨了多少土地？")
    assert score_one({"id": "m4", "question": "", "kind": "total", "unanswerable": True}, missing)["right"]
    check_row({"id": "m4", "question": "q", "kind": "compare", "unanswerable": True}, "f.jsonl:4")
    with pytest.raises(ValueError, match=r"f\.jsonl:5 \(m5\).*values"):
        check_row({"id": "m5", "question": "q", "kind": "compare", "winner": "张掖"}, "f.jsonl:5")


def test_a_gold_place_is_found_by_its_reports_place_when_the_question_calls_it_otherwise():
    """The gold file names the report's place (陇东); the question, and so the part, says 庆阳."""
    from dataclasses import replace

    compare = FakeAssistant().ask("张掖和芜湖谁给部队划拨的土地更多？")
    renamed = replace(compare, parts=tuple(replace(p, place="庆阳") if p.place == "芜湖" else p for p in compare.parts),
                      summary=compare.summary.replace("芜湖", "庆阳"))
    wuhu = next(p for p in compare.parts if p.place == "芜湖").answer.passage.places
    gold = {"id": "m6", "question": "", "kind": "compare", "winner": "张掖", "values": {"张掖": "2000多亩", "芜湖": "300亩"}}
    assert wuhu and score_one(gold, renamed)["right"]
    assert not score_one({**gold, "values": {"张掖": "2000多亩", "开封": "300亩"}}, renamed)["right"]


def test_a_conversation_turn_the_reports_do_not_answer_is_right_only_when_nothing_is_answered():
    from eval.conversations import turn_right

    a = FakeAssistant()
    answered = a.ask("张掖市累计为驻地部队划拨了多少亩土地？")
    assert answered.answers and not turn_right(answered, "") and turn_right(answered, answered.best.text)
    missing = a.ask("张掖和开封一共划拨了多少土地？")
    assert missing.abstained and turn_right(missing, "") and not turn_right(missing, "2000多亩")
