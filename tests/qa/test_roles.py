"""People asked about by what they do, read again as the passage names their role (qa.roles), alone and in the
assistant."""
from embeddings.types import Passage
from qa.assistant import Assistant
from qa.roles import with_role
from qa.settings import Settings
from qa.reading.reader import ReadResult
from qa.types import Answer
from tests.qa.test_reworded import Retriever

TEXT = "全市建成病死畜禽无害化处理中心12个，配备村级动物防疫员2460名。"
PASSAGE = Passage("r001-p001", 1, TEXT, 0, len(TEXT))


class Reader:
    """Answers `answer` (2460名) only to a question saying `word` (防疫员); abstains (margin -5) otherwise."""

    def __init__(self, text: str = TEXT, answer: str = "2460名", word: str = "防疫员"):
        self.asked, self.text, self.answer, self.word = [], text, answer, word

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        self.asked += list(questions)
        at = self.text.index(self.answer)
        return [ReadResult((Answer(self.answer, m, hits[0].passage, at, at + len(self.answer), reader_score=m),), m)
                for q, hits in zip(questions, passages) for m in [5.0 if self.word in q else -5.0]]


def test_the_role_the_passage_names_stands_for_what_the_people_do():
    assert with_role("村里给牲口打防疫针的人配了多少个？", TEXT) == "村里给牲口打防疫针的村级动物防疫员配了多少名？"
    assert with_role("村里给牲口打防疫针的人有几个？", TEXT).endswith("的村级动物防疫员有几名？")
    assert with_role("村里看大门的人有多少个？", TEXT) == "村里看大门的人有多少个？"  # shares nothing with 防疫员
    assert with_role("建了多少个处理中心？", TEXT) == "建了多少个处理中心？"  # no people asked of


def test_the_assistant_reads_the_role_wording_after_an_abstention_and_says_so():
    reader = Reader()
    assistant = Assistant(Retriever(PASSAGE), reader, settings=Settings(no_answer_threshold=0.0, unit_credit=0.0))
    r = assistant.ask("村里给牲口打防疫针的人配了多少个？")
    assert not r.abstained and r.question_used == "村里给牲口打防疫针的村级动物防疫员配了多少名？"
    assert reader.asked[0] == "村里给牲口打防疫针的人配了多少个？" and len(reader.asked) == 2
    assert r.best.confidence is None or r.best.confidence <= 0.79
