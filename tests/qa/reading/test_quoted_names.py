"""A name the question quotes (“最美军人家庭”): the figure beside it answers, one beside another quoted name does not
(qa.reading.qualifiers.quoted_first, beside_other_name), and a name asked for is never set aside."""
from embeddings.types import Passage, Report
from qa.reading.abstain import decide
from qa.reading.places import ReportPlaces
from qa.reading.reader import ReadResult
from qa.types import Answer

from tests.qa.reading.test_abstain import first_kept


def test_a_quoted_name_asked_is_answered_by_the_figure_beside_it_or_not_by_one_beside_another_name():
    text = "表彰市级“最美退役军人”53名、“最美军人家庭”28个、“最美拥军人物”30名。评选出30名“最美军嫂”。"
    passage = Passage("r002-p001", 2, text, 0, len(text), subtitle="汉中市双拥工作综述", places=("汉中市",))
    book = ReportPlaces([Report(2, "t", "汉中市双拥工作综述", "", "s", text, ("汉中市",))])

    def read(*spans):  # each span where it first stands, the reader's order
        at = [text.index(s) for s in spans]
        answers = tuple(Answer(s, 9.0 - i, passage, a, a + len(s)) for i, (s, a) in enumerate(zip(spans, at)))
        return ReadResult(answers, 5.0)

    kept = decide("汉中评出了多少“最美军人家庭”？", read("30名", "28个"), book, named=(), threshold=1.0, top_n=3)
    assert kept.answers[0].text == "28个"  # beside “最美军人家庭”, not beside “最美拥军人物”
    kept = decide("汉中评出了多少“最美拥军人物”？", read("30名", "28个"), book, named=(), threshold=1.0, top_n=3)
    assert kept.answers[0].text == "30名"  # already the figure beside the name asked
    gone = decide("汉中评出了多少“最美军人之家”？", read("30名"), book, named=(), threshold=1.0, top_n=3)
    assert gone.reason_code == "uncounted" and "最美军人之家" in gone.reason  # that name is nowhere: not 30名 of another
    plain = decide("汉中评出了多少最美军嫂？", read("30名"), book, named=(), threshold=1.0, top_n=3)
    assert plain.answers[0].text == "30名"  # nothing quoted: nothing checked


def test_a_name_asked_for_is_never_set_aside_for_standing_beside_its_own_quotes():
    text = "打造“连惠兵”服务品牌，让退役士兵返乡报到“一站式”办结。"
    asked = "连云港做退役士兵“一站式”返乡报到用的服务品牌叫什么？"
    assert first_kept(text, "连云港市", asked, "连惠兵", "一站式") == "连惠兵"


def test_a_quoted_name_written_otherwise_in_the_report_is_still_the_name_asked():
    text = "为120名抗美援朝老战士颁发纪念章，为32名建国前入伍老战士发放“庆祝中华人民共和国成立70周年”纪念章。"
    asked = "张掖给老战士颁发“新中国成立70周年”纪念章，发了多少人？"
    assert first_kept(text, "张掖市", asked, "32名", "120名") == "32名"  # 6 of its 8 pairs: the same name
    passage = Passage("r002-p001", 2, text, 0, len(text), subtitle="张掖市双拥工作综述", places=("张掖市",))
    book = ReportPlaces([Report(2, "t", "张掖市双拥工作综述", "", "s", text, ("张掖市",))])
    read = ReadResult((Answer("32名", 9.0, passage, text.index("32名"), text.index("32名") + 3),), 5.0)
    assert decide(asked, read, book, named=(), threshold=1.0, top_n=3).answers[0].text == "32名"  # never refused
