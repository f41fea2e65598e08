"""A question that points at a place it does not name (该市…, 那里…) as a chat's first question, with no filter, is told
to name it (qa.subject); with an earlier turn or a place filter it is resolved and answered."""
import qa.subject
from qa.conversation import Turn
from tests.qa.test_source import assistant  # noqa: F401 (the fixture: the mini compilation, a reader sure of anything)


def test_a_first_question_pointing_at_an_unnamed_place_is_asked_to_name_it(assistant):
    r = assistant.ask("该县为驻地部队提供了多少亩用地？")
    assert r.abstained and r.reason_code == "no_subject" and "“该县”" in r.reason and not r.hits


def test_with_a_place_filter_or_an_earlier_turn_the_reference_is_resolved_and_answered(assistant):
    filtered = assistant.ask("该县为驻地部队提供了多少亩用地？", places=["乙县"])
    assert filtered.reason_code != "no_subject" and filtered.question_used.startswith("乙县")
    followed = assistant.ask("该县为驻地部队提供了多少亩用地？", history=[Turn("乙县成立了什么领导小组？", "双拥工作领导小组")])
    assert followed.reason_code != "no_subject" and "乙县" in followed.question_used


def test_a_reference_after_a_place_the_question_names_is_no_dangling_one():
    known = {"甲城市", "乙县"}
    assert qa.subject.no_subject("乙县那里有多少个服务站？", known, False) == ""
    assert qa.subject.no_subject("有几个地方去西藏阿里慰问，或者帮那边的边防部队？", known, False) == ""
