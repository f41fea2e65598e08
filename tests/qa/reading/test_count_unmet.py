"""A question asking which so many things (哪三样) whose best answer in the top passage names another number of them:
the reader reads the other passages too (qa.reading.kind_checks.count_unmet), and the list there can lead; the frame
verb opening such a list is cut (qa.reading.verb_edges.drop_frame)."""
from embeddings.types import Passage
from qa.reading.kind_checks import count_unmet
from qa.reading.verb_edges import drop_frame
from qa.training.tiny import make_tiny_reader
from qa.types import Answer
from tests_helpers import passes

FIRST = Passage("r001-p001", 1, "全市开展十大活动，成效明显。", 0, 14)
SECOND = Passage("r001-p002", 1, "全力打造双拥主题公园、双拥示范街、国防教育学校。", 0, 24)


def test_a_count_asked_and_not_met_reads_on_and_one_not_asked_does_not(tmp_path):
    model = make_tiny_reader(tmp_path, [FIRST.text, SECOND.text, "具体是哪三样？"])
    assert passes(model, "具体是哪三样？", [FIRST, SECOND]) == 2  # no span of the first names three things
    assert passes(model, "具体是什么？", [FIRST, SECOND]) == 1


def test_count_unmet_compares_the_things_named_with_the_count_asked():
    three = Answer("双拥主题公园、双拥示范街、国防教育学校", 1.0, SECOND, 4, 23)
    assert not count_unmet([three], "具体是哪三样？") and count_unmet([three], "是哪两样？")
    assert not count_unmet([], "是哪两样？") and not count_unmet([three], "是哪些？")  # 哪些 counts nothing


def test_a_listed_answer_loses_the_frame_that_opens_it():
    t = SECOND.text
    assert t[drop_frame(t, 0, 23, "是哪三样？"):23] == "双拥主题公园、双拥示范街、国防教育学校"
    assert t[drop_frame(t, 0, 23, "有哪些？"):23] == "双拥主题公园、双拥示范街、国防教育学校"
    assert drop_frame(t, 0, 10, "是哪三样？") == 0  # one thing, no list: kept as cut


def test_one_frame_word_alone_is_kept_as_the_things_own():
    for t in ("组织部、人武部、团市委", "组织管理、工作运行、政策制度", "组织健全、政策落实、活动经常"):
        assert drop_frame(t, 0, len(t), "是哪三样？") == 0
