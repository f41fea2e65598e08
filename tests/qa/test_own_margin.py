"""An answer whose own reader margin is below the threshold is only a possible answer (Assistant._response)."""
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer
from tests.qa.test_assistant import FakeReader, FakeRetriever


def test_an_answer_below_the_threshold_by_its_own_margin_is_only_a_possible_one():
    class GrownReader(FakeReader):
        """The best span sure (margin 2), the answer shown (a list grown from another span) unsure (its own -3)."""

        def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
            p = passages[0][0].passage
            return [ReadResult((Answer(p.text[12:16], -2.0, p, 12, 16, reader_score=-3.0),), 2.0)]

    assistant = Assistant(FakeRetriever(), GrownReader(), settings=Settings(no_answer_threshold=0.0))
    r = assistant.ask("芜湖市为驻芜部队提供用地多少亩？")
    assert r.abstained and r.reason_code == "low_confidence" and [a.text for a in r.possible] == ["127亩"]
    sure = Assistant(FakeRetriever(), GrownReader(), settings=Settings(no_answer_threshold=-5.0))
    assert sure.ask("芜湖市为驻芜部队提供用地多少亩？").best.text == "127亩"  # its own margin above: answered
