"""A comparison asking how far apart two places are (差了多少亩, 比来宾多出多少个): who has more, and the gap."""
from tests.qa.test_multi import _part


def test_a_gap_is_asked_as_a_comparison_of_each_place():
    from qa.kinds import detect
    from qa.rewrite import for_place

    known = {"张掖市", "芜湖市", "来宾市"}
    for question in ("张掖和芜湖给部队划拨的土地，差了多少亩？", "芜湖的退役军人服务站比来宾多出多少个？",
                     "芜湖和来宾的退役军人服务站，差距有多大？"):
        kind = detect(question, known)
        assert (kind.kind, kind.direction) == ("compare", "more"), question
        for place in kind.places:
            asked = for_place(question, kind, place)
            assert "差" not in asked and "多出" not in asked and "多少" in asked, asked
    assert detect("张掖和芜湖给部队划拨的土地，一共多少亩？", known).kind == "total"  # no gap asked


def test_the_gap_is_said_after_who_has_more():
    from qa.compare_figures import gap_said

    assert gap_said([_part("芜湖", "1018个"), _part("来宾", "887个")]) == "，相差131个"
    assert gap_said([_part("张掖", "2000多亩"), _part("芜湖", "527亩")]) == "，相差约1473亩"
    assert gap_said([_part("张掖", "20支"), _part("芜湖", "527亩")]) == ""  # unlike units: no gap
    assert gap_said([_part("张掖", "企业拥军服务队"), _part("芜湖", "527亩")]) == ""


def test_a_ratio_is_asked_as_a_comparison_and_said_first_over_second():
    from qa.compare_figures import ratio_said
    from qa.kinds import detect
    from qa.rewrite import for_place

    question = "芜湖建的退役军人服务站是来宾的几倍？"
    kind = detect(question, {"芜湖市", "来宾市"})
    assert (kind.kind, kind.places) == ("compare", ("芜湖", "来宾"))
    assert all("倍" not in for_place(question, kind, p) for p in kind.places)
    assert ratio_said([_part("芜湖", "1018个"), _part("来宾", "887个")]) == "，芜湖是来宾的1.15倍"
    assert ratio_said([_part("芜湖", "1018个"), _part("来宾", "0个")]) == ""  # no ratio to nothing
