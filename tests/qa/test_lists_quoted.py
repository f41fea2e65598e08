"""Where a list looks for a place's passage: a quoted name wherever a report says it, and a place with two reports in
the one naming the thing."""
from embeddings.types import Passage
from tests.qa.test_lists import TEN


def test_a_quoted_name_few_places_say_is_looked_for_beyond_each_report_s_top_passages():
    from qa.lists import QUOTED_FEW, with_quoted
    from qa.types import Hit

    def hit(report, text, rank=1):
        return Hit(Passage(f"r{report:03d}-p{rank:03d}", report, text, 0, len(text), places=(TEN[report - 1],)),
                   1.0 / rank, rank)

    ranked = {n: [hit(n, f"{TEN[n - 1]}开展双拥宣传活动。")] for n in range(1, 11)}
    deep = {2: [hit(2, "来宾市建立“五个一”制度，每年拍一部专题片。", 40)]}

    class Saying:
        def __init__(self, said):
            self.said, self.asked = said, []

        def naming(self, text, depth=256, *, reports=None, places=None):
            self.asked.append(text)
            return self.said if text == "五个一" else {}

    found = with_quoted(Saying(deep), "有叫“五个一”的做法的，都是哪几个地方？", ranked)
    assert found[2][0].passage.text.startswith("来宾市建立“五个一”") and found[2][0].score == ranked[2][0].score
    assert found[2][1:] == ranked[2] and found[1] == ranked[1]  # the others as they were
    assert with_quoted(Saying(deep), "哪些地方开展了双拥宣传？", ranked) is ranked  # nothing quoted: as it was
    # said by most of the places in scope, the name tells none from another: as it was
    most = {n: [hit(n, f"{TEN[n - 1]}建立“五个一”制度。", 30)] for n in range(1, QUOTED_FEW + 2)}
    assert with_quoted(Saying(most), "有叫“五个一”的做法的，都是哪几个地方？", ranked) == ranked


def test_a_place_with_two_reports_is_read_in_the_one_naming_the_thing():
    from qa.lists import naming_places
    from qa.types import Hit

    def hit(report, text):
        return Hit(Passage(f"r{report:03d}-p001", report, text, 0, len(text), places=("张掖市",)), 1.0, 1)

    ranked = {1: [hit(1, "张掖市开展双拥宣传活动。")], 20: [hit(20, "张掖市建成“双拥林”28处。")]}
    assert naming_places(ranked, ("双拥林",))["张掖"][1] == "双拥林"  # the higher report names nothing: the other
    both = {1: [hit(1, "张掖市建成双拥林3处。")], 20: [hit(20, "张掖市建成“双拥林”28处。")]}
    assert naming_places(both, ("双拥林",))["张掖"][0].passage.report == 1  # both name it: the higher one
