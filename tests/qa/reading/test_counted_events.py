"""The reader's figure and year checked against what the question counts and dates (qa.reading.counted,
qa.reading.events), through `abstain.decide`."""
from embeddings.types import Passage, Report
from qa.reading.abstain import decide
from qa.reading.places import ReportPlaces
from qa.reading.reader import ReadResult
from qa.types import Answer


def one_report(text: str, number: int, place: str):
    """A report of one passage, its places and a reader of the given spans (best first): (passage, book, read)."""
    passage = Passage(f"r{number:03d}-p001", number, text, 0, len(text), subtitle=f"{place}双拥工作综述", places=(place,))
    book = ReportPlaces([Report(number, "t", f"{place}双拥工作综述", "", "s", text, (place,))])

    def read(*spans):
        return ReadResult(tuple(Answer(s, 9.0 - i, passage, text.index(s), text.index(s) + len(s))
                                for i, s in enumerate(spans)), 5.0)

    return passage, book, read


def test_a_figure_counting_another_thing_gives_way_to_the_one_counting_the_asked():
    _, book, read = one_report("4年来，举办110场专场招聘会，定向提供岗位4.2万余个，安置转业军官313名。", 18, "连云港市")

    asked = "连云港专场招聘会上给退役军人拿出来了多少岗位？"
    assert decide(asked, read("110场", "4.2万余个"), book, named=(), threshold=1.0, top_n=3).answers[0].text == "4.2万余个"
    # the fairs asked for: the reader's 110场 stays first; and 313名 counts 转业军官 before it, as asked
    assert decide("连云港办了多少场专场招聘会？", read("110场", "4.2万余个"), book, named=(), threshold=1.0,
                  top_n=3).answers[0].text == "110场"
    assert decide("连云港安置了多少名转业军官？", read("313名", "110场"), book, named=(), threshold=1.0,
                  top_n=3).answers[0].text == "313名"


def test_a_year_whose_sentence_says_another_event_does_not_answer_when_the_asked_one_happened():
    _, book, read = one_report("2022年安阳遭遇奥密克戎，海军安阳舰全体官兵发来慰问信。2016年，海军安阳舰正式入列。", 27, "安阳市")
    first = read("2022年")
    refused = decide("海军安阳舰是哪一年服役的？", first, book, named=(), threshold=1.0, top_n=3)
    assert refused.reason_code == "other_kind" and not refused.answers
    kin = read("2016年")  # 入列 is kin of 服役
    assert decide("海军安阳舰是哪一年服役的？", kin, book, named=(), threshold=1.0, top_n=3).answers[0].text == "2016年"
    # a question naming no event word, or asking no date, is not checked
    assert decide("安阳哪一年遭了疫情？", first, book, named=(), threshold=1.0, top_n=3).answers
