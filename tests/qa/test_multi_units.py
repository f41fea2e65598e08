"""A comparison or total whose parts came back in different units asks the odd part again in the other's unit."""
import re

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer
from tests.qa.test_multi import PlaceRetriever


class FirstNumberReader:
    """Sure of the first number with the unit the question asks for after 多少 (any unit when it asks none);
    unsure when there is none."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        out = []
        for q, hits in zip(questions, passages):
            p = hits[0].passage
            unit = re.search(r"多少([亩元])", q)
            m = re.search(rf"[0-9.]+[万亿]?{unit.group(1) if unit else '[亩元个]'}", p.text)
            if m is None:  # no such number: unsure
                out.append(ReadResult((Answer(p.text[:2], 0.1, p, 0, 2),), -5.0))
            else:
                out.append(ReadResult((Answer(m.group(), 0.9, p, m.start(), m.end(), reader_score=5.0),), 5.0))
        return out


def assistant(texts):
    retriever = PlaceRetriever()
    report = {"芜湖市": 2, "通化市": 4}  # the fake index's reports on these places
    retriever.passages = [Passage(f"r{report[place]:03d}-p001", report[place], t, 0, len(t), places=(place,))
                          for place, t in texts]
    return Assistant(retriever, FirstNumberReader(), settings=Settings(no_answer_threshold=0.0, hedge_from=None))


def test_the_odd_part_is_asked_again_in_the_other_parts_unit():
    a = assistant([("芜湖市", "芜湖市为部队提供土地527亩。"), ("通化市", "通化市投入14.3亿元，为部队征地307亩。")])
    r = a.ask("芜湖和通化，谁给部队的地更多？")
    assert r.summary == "芜湖（527亩）多于通化（307亩）"
    assert [p.question for p in r.parts] == ["芜湖给部队的地有多少？", "通化给部队的地有多少亩？"]


def test_when_no_single_unit_fits_every_part_the_units_still_differ():
    a = assistant([("芜湖市", "芜湖市为部队提供土地527亩，投入300万元。"), ("通化市", "通化市投入14.3亿元，为部队征地307亩。")])
    r = a.ask("芜湖和通化，谁给部队的地更多？")  # 亩 fits both and 元 fits both: which was meant is unclear
    assert r.abstained and r.reason.startswith("单位不同")
