"""A figure the question states is never its answer; the reading's margin is then the next answer's."""
import pytest

from embeddings.types import Passage
from qa.reading import reader as reader_module
from qa.reading.decoding import Span
from qa.reading.reader import Reader
from qa.reading.restated import not_restated
from qa.types import Answer, Hit

TEXT = "全市23家A级景区对现役军人免收门票，其中5A级景区1家，2019年以来累计接待军人3万人次。"
PASSAGE = Passage("r001-p001", 1, TEXT, 0, len(TEXT), subtitle="乌海市双拥工作综述", places=("乌海市",))


def answer(span):
    start = TEXT.index(span)
    return Answer(span, 1.0, PASSAGE, start, start + len(span))


@pytest.mark.parametrize("question, span, dropped", [
    ("那23家A级景区里，有几家是5A级的？", "23家", True),
    ("乌海有几家A级景区给军人免门票？", "23家", False),  # not said by the question
    ("钦州那31处烈士纪念设施里，烈士陵园有几处？", "1家", False),  # 1 inside 31: not the figure said
    ("2019年以来接待了多少人次？", "3万人次", False),
    ("那5A级景区是2019年以来哪年评的？", "2019年", False),  # a year may be asked of a question saying it
])
def test_a_figure_the_question_says_is_dropped(question, span, dropped):
    assert (not_restated(question, (answer(span),)) == ()) is dropped


def test_the_reading_falls_to_the_next_answer_and_its_margin(tmp_path, monkeypatch):
    spans = [Span(0, TEXT.index("23家"), TEXT.index("23家") + 3, 12.0, 12.0),
             Span(0, TEXT.index("1家"), TEXT.index("1家") + 2, 4.0, 4.0)]
    monkeypatch.setattr(reader_module, "decode", lambda windows, **kw: (spans, 12.0))
    result = Reader(tmp_path)._answers([object()], [(0, Hit(PASSAGE, 0.5, 1))], 3,
                                       question="那23家A级景区里，有几家是5A级的？")
    assert [a.text for a in result.answers] == ["1家"] and result.margin == 4.0
