"""A question the reader abstains on, read again in its passage's words (qa.reworded), alone and in the assistant."""
import zlib

import numpy as np

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.reworded import Reworder, may_stand_in
from qa.settings import Settings
from qa.types import Answer, Hit

TEXT = "全市招聘教师860名，其中特级教师12名。"
PASSAGE = Passage("r001-p001", 1, TEXT, 0, len(TEXT))


class WordEncoder:
    """Word vectors: 老师 and 教师 near each other (cosine ~0.9), every other word its own direction."""

    def __init__(self):
        self.encoded = []

    def encode(self, texts, *, batch_size=32, progress=False):
        self.encoded.append(list(texts))
        out = []
        for t in texts:
            v = np.random.default_rng(zlib.crc32(t.encode())).normal(size=64)
            if t in ("老师", "教师"):
                shared = np.random.default_rng(7).normal(size=64)
                v = 3 * shared / np.linalg.norm(shared) + v / np.linalg.norm(v)
            out.append(v)
        return np.array(out, dtype=np.float32)


def test_a_missing_word_is_replaced_by_the_passage_word_nearest_to_it():
    r = Reworder(WordEncoder()).reword("绵阳招了多少名老师？", TEXT, ["绵阳市"])
    assert r.question == "绵阳招了多少名教师？" and r.swaps == (("老师", "教师"),)


def test_nothing_replaced_below_the_cosine_or_when_every_word_is_there():
    assert Reworder(WordEncoder(), min_cosine=0.99).reword("绵阳招了多少名老师？", TEXT) is None
    assert Reworder(WordEncoder()).reword("全市招聘了多少名教师？", TEXT) is None


def test_never_a_more_general_word_a_place_or_a_word_with_nothing_in_common():
    assert not may_stand_in("特级教师", "教师") and not may_stand_in("洛阳", "濮阳市")
    assert not may_stand_in("老师", "招聘") and may_stand_in("划", "划拨")


def test_word_vectors_are_cached_between_questions():
    encoder = WordEncoder()
    reworder = Reworder(encoder)
    reworder.reword("绵阳招了多少名老师？", TEXT)
    reworder.reword("绵阳招了多少名老师？", TEXT)
    assert len(encoder.encoded) == 2  # the question's and the passage's words, once


class Retriever:
    """Every query finds `passage` (by default the one on 教师)."""

    def __init__(self, passage=PASSAGE):
        self.encoder, self.passage = WordEncoder(), passage

    def search_batch(self, queries, k=None, **options):
        return [[Hit(self.passage, 0.5, 1)] for _ in queries]


class Reader:
    """Answers 860名 only to a question `answers` takes (by default one that says 教师); abstains (margin -5)
    otherwise."""

    def __init__(self, answers=lambda question: "教师" in question):
        self.asked, self.answers = [], answers

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        self.asked += list(questions)
        out = []
        for q, hits in zip(questions, passages):
            margin = 5.0 if self.answers(q) else -5.0
            answer = Answer("860名", margin, hits[0].passage, 6, 10, reader_score=margin)
            out.append(ReadResult((answer,), margin))
        return out


def test_the_assistant_answers_an_abstained_question_reworded_and_says_what_it_answered():
    reader = Reader()
    assistant = Assistant(Retriever(), reader, settings=Settings(no_answer_threshold=0.0))
    r = assistant.ask("绵阳招了多少名老师？")
    assert r.best.text == "860名" and r.question == "绵阳招了多少名老师？"
    assert r.question_used == "绵阳招了多少名教师？" and reader.asked == ["绵阳招了多少名老师？", "绵阳招了多少名教师？"]


def test_rewording_off_and_a_place_lists_parts_are_never_reworded():
    reader = Reader()
    off = Assistant(Retriever(), reader, settings=Settings(no_answer_threshold=0.0, reword=False))
    assert off.ask("绵阳招了多少名老师？").abstained and reader.asked == ["绵阳招了多少名老师？"]
    on = Assistant(Retriever(), Reader(), settings=Settings(no_answer_threshold=0.0))
    parts = on.read_hits(["绵阳招了多少名老师？"], [[Hit(PASSAGE, 0.5, 1)]], skip_checks=("other_kind",))
    assert parts[0].abstained


def test_a_noun_phrase_question_the_reader_abstains_on_is_read_again_as_the_verbs_object():
    from qa.reworded import reordered

    reader = Reader(answers=lambda question: "了多少" in question)  # the noun as the verb's object only
    # no unit lift (qa.reading.unit_margin): 860名 for a plain 有多少 at -5 would be given without rereading
    assistant = Assistant(Retriever(), reader, settings=Settings(no_answer_threshold=0.0, unit_credit=0.0))
    r = assistant.ask("全市招聘的教师有多少？")
    assert r.best.text == "860名" and r.question_used == "全市招聘了多少教师？"
    assert r.best.confidence is None or r.best.confidence <= 0.79  # reinterpreted: never shown as sure
    assert reordered(None, "全市招聘了多少教师？") is None  # already the object: nothing to read again
    assert reordered(None, "通化的服务站数量是多少？", ["通化"]) is None  # a measure noun stays as it is
