"""Place lists' parts as shown: a stray reader span gives way to the clause naming the listed thing."""
import doctest

import qa.lists
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer
from tests.qa.test_multi import PASSAGES, PlaceRetriever
from embeddings.types import Passage


def test_the_module_examples_hold():
    assert doctest.testmod(qa.lists).failed == 0


class StrayReader:
    """Sure of the passage's first seven characters, whatever the question."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        return [ReadResult((Answer(h[0].passage.text[:7], 9.0, h[0].passage, 0, 7, reader_score=9.0),), 9.0)
                for h in passages]


def test_a_listed_place_shows_the_clause_naming_the_thing_not_a_stray_span():
    a = Assistant(PlaceRetriever(), StrayReader(), settings=Settings(no_answer_threshold=0.0, hedge_from=None))
    text = "河北省高标准完成全军首批试点，建成八一爱民学校12所，覆盖全省。"
    a.retriever.passages = [Passage("r003-p002", 3, text, 0, len(text), places=("河北省",)),
                            *(p for p in PASSAGES if p.report != 3)]
    r = a.ask("哪些地方建有八一爱民学校？")
    assert [p.place for p in r.parts] == ["河北"]
    shown = r.parts[0].answer
    assert shown.text == "建成八一爱民学校12所" and text[shown.start:shown.end] == shown.text
    assert shown.reader_score == 9.0  # the reader's decision and scores are kept, only the span shown differs
