"""A question's spoken fillers dropped for a second reading (qa.concise), alone and in the assistant."""
from qa.assistant import Assistant
from qa.concise import concise
from qa.settings import Settings
from tests.qa.test_reworded import Reader, Retriever


def test_fillers_go_and_what_the_question_asks_stays():
    assert concise("转业回来的士官，都安排到哪类单位去了？") == "转业的士官，安排到哪类单位？"
    assert concise("报告里是怎么夸他的？") == "是怎么夸他的？"
    assert concise("那个布局叫什么来着？") == "布局叫什么？"
    assert concise("都有哪些？") == "有哪些？"  # 都 before a verb
    assert concise("成都有多少人？") == "成都有多少人？"  # 都 inside a word is no filler
    assert concise("平常？") == "平常？"  # nothing left to ask: kept as asked


def test_the_assistant_reads_the_concise_question_after_an_abstention_and_says_so():
    reader = Reader(answers=lambda question: "平常" not in question)
    assistant = Assistant(Retriever(), reader, settings=Settings(no_answer_threshold=0.0, unit_credit=0.0))
    r = assistant.ask("全市平常招聘多少名教师？")
    assert r.best.text == "860名" and r.question_used == "全市招聘多少名教师？"
    assert reader.asked == ["全市平常招聘多少名教师？", "全市招聘多少名教师？"]
    assert r.best.confidence is None or r.best.confidence <= 0.79


def test_a_question_without_fillers_is_not_read_twice():
    reader = Reader(answers=lambda question: False)
    assistant = Assistant(Retriever(), reader, settings=Settings(no_answer_threshold=0.0, unit_credit=0.0))
    assert assistant.ask("全市招聘多少名教师？").abstained and reader.asked == ["全市招聘多少名教师？"]
