"""Hedged answers (可能的答案) end to end: offered from the threshold down by the configured band, never an answer."""
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer
from tests.qa.test_multi import PlaceRetriever


class UnsureReader:
    """Finds 2000多亩 in 张掖's passage, at a fixed margin (the reader's best span minus its "no answer")."""

    def __init__(self, margin):
        self.margin = margin

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        out = []
        for hits in passages:
            p = hits[0].passage
            start = p.text.find("2000多亩")
            out.append(ReadResult((Answer("2000多亩", 0.4, p, start, start + 6, reader_score=self.margin),), self.margin))
        return out


def ask(margin, *, threshold, band, question="张掖为驻地部队划拨了多少亩土地？"):
    settings = Settings(no_answer_threshold=threshold, hedge_band=band)
    return Assistant(PlaceRetriever(), UnsureReader(margin), settings=settings).ask(question, places=["张掖"])


def test_a_span_of_the_asked_type_within_the_band_below_the_threshold_is_offered_not_answered():
    r = ask(-5.0, threshold=-3.0, band=4.0)  # 2 below the threshold, within a band of 4
    assert r.abstained and r.hedged and r.reason_code == "low_confidence"
    assert r.possible[0].text == "2000多亩" and r.to_dict()["possible"][0]["text"] == "2000多亩"


def test_the_band_is_counted_from_the_threshold_and_can_be_switched_off():
    assert not ask(-8.0, threshold=-3.0, band=4.0).hedged  # 5 below: confidently negative, plain "not found"
    assert ask(-1.5, threshold=1.0, band=3.0).hedged  # the same band below a higher threshold
    assert not ask(-5.0, threshold=-3.0, band=None).hedged  # off: plain "not found"
    assert not ask(-5.0, threshold=-3.0, band=0.0).hedged
    answered = ask(-2.0, threshold=-3.0, band=4.0)
    assert not answered.abstained and not answered.hedged and answered.best.text == "2000多亩"


def test_a_span_of_another_kind_is_never_offered():
    assert not ask(-5.0, threshold=-3.0, band=4.0, question="张掖是哪一年划拨的土地？").hedged  # not a year
