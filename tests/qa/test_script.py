"""A question in Traditional characters asked of reports in Simplified ones (and not the other way round)."""
import pytest

from qa.script import is_simplified, to_simplified

pytest.importorskip("opencc_purepy")


def test_traditional_characters_map_one_to_one():
    question = "張掖市累計為駐地部隊劃撥了多少畝土地？"
    assert to_simplified(question) == "张掖市累计为驻地部队划拨了多少亩土地？"
    assert to_simplified("张掖市累计划拨") == "张掖市累计划拨"  # already Simplified: unchanged
    assert is_simplified(["张掖市累计为驻地部队划拨土地2000多亩。"]) and not is_simplified(["張掖市累計為駐地部隊劃撥土地。"])


def test_the_assistant_asks_a_traditional_question_in_the_collections_script(mini_index, hashing_encoder):
    from qa.assistant import Assistant
    from qa.reading.reader import ReadResult
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    class Echo:
        """Reads nothing; remembers the questions it was given."""

        def __init__(self):
            self.questions = []

        def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
            self.questions += list(questions)
            return [ReadResult((), float("-inf")) for _ in questions]

    reader = Echo()
    retriever = Retriever.load(mini_index, encoder=hashing_encoder, settings=Settings(quantize_queries=False))
    assistant = Assistant(retriever, reader, settings=Settings(no_answer_threshold=0.0))
    response = assistant.ask("乙縣為駐地部隊提供用地多少畝？")
    assert reader.questions == ["乙县为驻地部队提供用地多少亩？"]
    assert response.question == "乙縣為駐地部隊提供用地多少畝？" and response.question_used == "乙县为驻地部队提供用地多少亩？"
