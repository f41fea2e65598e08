"""Questions about a report itself (its date, its title) answered from its header, through the real assistant with a
fake retriever and reader behind the real interfaces."""
import pytest

from embeddings.types import Passage, Report
from qa.assistant import Assistant
from qa.quantities import when
from qa.reading.confidence import describe
from qa.reading.reader import ReadResult
from qa.report_header import asks_of_report, header_answers, header_passage
from qa.settings import Settings
from qa.types import Answer, Hit, citation

REPORTS = [Report(1, "擦亮新品牌", "张掖市创建双拥模范城工作综述", "2023年8月3日", "zhangye.txt",
                  "张掖市累计为驻地部队划拨土地2000多亩。", ("张掖市",)),
           Report(2, "鱼水情深", "芜湖市双拥工作综述", "2023年7月31日", "wuhu.txt",
                  "芜湖市为驻芜部队提供用地527亩。", ("芜湖市",)),
           Report(3, "无日期的报告", "", "", "undated.txt", "吴忠市建成服务站12个。", ("吴忠市",))]
PASSAGES = [Passage(f"r{r.number:03d}-p001", r.number, r.text, 0, len(r.text), r.title, r.subtitle, r.date,
                    places=r.places, source=r.source) for r in REPORTS]


class FakeIndex:
    reports = REPORTS


class FakeRetriever:
    index = FakeIndex()

    def search_batch(self, queries, k=None, **options):
        return [[Hit(p, 1.0 / (60 + r), r) for r, p in enumerate(PASSAGES, 1)] for _ in queries]


class FakeReader:
    """Reads the figure at the end of the first passage (2000多亩, …) with a sure margin."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        out = []
        for hits in passages:
            p = hits[0].passage
            start = len(p.text) - 1 - len(p.text.rstrip("。").split("土地")[-1].split("用地")[-1].split("服务站")[-1])
            start = max(start, 0)
            answer = Answer(p.text[start:len(p.text) - 1], 6.0, p, start, len(p.text) - 1, reader_score=5.0)
            out.append(ReadResult((answer,), 5.0))
        return out


@pytest.fixture
def assistant():
    return Assistant(FakeRetriever(), FakeReader(), settings=Settings(no_answer_threshold=0.0, reword=False))


@pytest.mark.parametrize("question, asked", [
    ("芜湖那篇双拥工作综述，是哪天的稿子？", "date"),
    ("延安那篇双拥工作综述是几月几号写的？", "date"),
    ("珲春那篇双拥工作综述，落款是哪一天？", "date"),
    ("张掖的报告写得是哪一年？", "date"),
    ("这份报告的时间是？", "date"),
    ("北海那篇文章，日期写的是哪天？", "date"),
    ("那篇报告，题目叫什么？", "title"),
    ("张掖那篇报告，说哪天召开了大会？", ""),
    ("张掖那篇报告的标题是什么？", "title"),
    ("吴忠那篇文章叫啥名字", "title"),
    ("张掖那篇报告的副标题是啥", "subtitle"),
    ("芜湖那篇报告主要讲了什么？", "title"),
    ("芜湖那篇报告里讲的“三个不”是什么？", ""),
    ("报告里说张掖干了什么？", ""),
    # what the report says, not the report itself
    ("报告里说张掖哪天召开了双拥大会？", ""),
    ("张掖的报告里哪一年开始建设双拥公园？", ""),
    ("张掖的双拥工作报告会是哪天开的？", ""),
    ("张掖举办报告会的时间是？", ""),
    ("报告显示，张掖去年投入多少资金？", ""),
    ("张掖叫什么名字", ""),
])
def test_what_a_question_asks_of_a_report(question, asked):
    assert asks_of_report(question) == asked


def test_the_date_of_the_report_about_the_place_named(assistant):
    r = assistant.ask("张掖那篇综述是哪天写的？")
    best = r.best
    assert best.text == "2023年8月3日" and best.read_by == "header" and best.passage.report == 1
    assert r.no_answer_score == -1000.0  # sure: never below a threshold, never in a confidence fit
    assert best.passage.text[best.start:best.end] == best.text  # cut from the header passage like any answer
    assert best.passage.text == "擦亮新品牌\n张掖市创建双拥模范城工作综述\n（2023年8月3日）"
    assert citation(best)["title"] == "擦亮新品牌" and citation(best)["date"] == "2023年8月3日"
    assert describe(best.confidence, best.score, best.read_by).startswith("取自报告的标题和日期")


def test_the_title_and_what_the_body_says(assistant):
    assert assistant.ask("芜湖那篇报告的标题是什么？").best.text == "鱼水情深"
    body = assistant.ask("张掖为驻地部队划拨了多少土地？").best
    assert body.read_by == "reader" and body.text == "2000多亩"


def test_two_reports_dates_compared(assistant):
    r = assistant.ask("张掖和芜湖那两篇综述，哪篇落款的日子早一点？")
    assert r.kind == "compare" and r.summary == "芜湖（2023年7月31日）早于张掖（2023年8月3日）"


def test_a_report_without_a_date_is_read_as_before(assistant):
    r = assistant.ask("吴忠那篇报告是哪天写的？")
    assert all(a.read_by == "reader" for a in r.answers)  # its header says no date: nothing is made up


def test_no_place_named_needs_one_report_in_the_hits():
    hits = [Hit(PASSAGES[0], 1.0, 1), Hit(PASSAGES[1], 0.5, 2)]
    assert header_answers("这篇报告是什么时候写的？", [], REPORTS, hits) == ()  # which one? none is guessed
    one = header_answers("这篇报告是什么时候写的？", [], REPORTS, hits[:1])
    assert [a.text for a in one] == ["2023年8月3日"]


def test_a_pdf_headers_page_is_the_first_page_read():
    paged = [Hit(Passage("r001-p002", 1, "正文", 5, 7, pages=(3,)), 1.0, 1),
             Hit(Passage("r001-p001", 1, "正文", 0, 2, pages=(1, 2)), 0.5, 2)]
    (answer,) = header_answers("张掖那篇报告是哪天的？", ["张掖"], REPORTS[:1], paged)
    assert answer.passage.pages == (1,)
    assert header_passage(REPORTS[2]).text == "无日期的报告"


def test_dates_as_precise_as_they_are_written():
    assert when("2023年8月1日") == (2023, 8, 1) and when("2019年5月") == (2019, 5) and when("1998") == (1998,)
    assert when("五月") is None


def test_dates_compared_as_precise_as_the_least_precise():
    from qa.multi import compared
    from qa.types import Part, Response

    def part(place, text):
        p = Passage("r001-p001", 1, text, 0, len(text))
        return Part(place, "?", Response("?", (Answer(text, 1.0, p, 0, len(text)),), ()))

    assert compared([part("甲", "2019年5月"), part("乙", "2019年")], "earlier")[0] == "甲（2019年5月）与乙（2019年）相同"
    assert compared([part("甲", "2023年8月2日"), part("乙", "2023年8月1日")], "earlier")[0] == \
        "乙（2023年8月1日）早于甲（2023年8月2日）"


def test_a_question_over_the_headers_within_the_filter(assistant):
    every = assistant.ask("哪几篇报告的标题里带“综述”？")
    assert every.kind == "list" and [p.place for p in every.parts] == ["张掖", "芜湖"]
    assert [p.place for p in assistant.ask("哪几篇报告的标题里带“综述”？", reports=[2]).parts] == ["芜湖"]


def test_a_question_of_the_whole_collection_is_no_follow_up(assistant):
    from qa.conversation import Turn

    history = [Turn("张掖那篇综述是哪天写的？", "2023年8月3日")]
    r = assistant.ask("一共有多少篇报告？", history=history)
    assert r.summary == "共3篇：张掖、芜湖、吴忠" and r.question_used == "一共有多少篇报告？"  # no 张掖 carried over
    assert [p.place for p in assistant.ask("标题里带“综述”的是哪几篇？", history=history).parts] == ["张掖", "芜湖"]
    assert assistant.ask("一共有多少篇报告？", places=["芜湖"]).summary == "共1篇：芜湖"  # within the place filter


def test_a_report_quoted_by_its_title():
    from qa.report_header import asked_reports

    assert asks_of_report("《芜湖市双拥工作综述》的日期是哪天？") == "date"
    chosen = asked_reports([], REPORTS, [], "《芜湖市双拥工作综述》的日期是哪天？")
    assert [r.number for r in chosen] == [2]  # the title quoted, with no place named and no hits
