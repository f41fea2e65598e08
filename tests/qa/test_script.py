"""A question in one script asked of reports in the other: Traditional of Simplified reports, Simplified of
Traditional ones."""
from collections import Counter

import pytest

from qa.script import collection_script, is_simplified, to_simplified, to_traditional

pytest.importorskip("opencc_purepy")


def test_traditional_characters_map_one_to_one():
    question = "張掖市累計為駐地部隊劃撥了多少畝土地？"
    assert to_simplified(question) == "张掖市累计为驻地部队划拨了多少亩土地？"
    assert to_simplified("张掖市累计划拨") == "张掖市累计划拨"  # already Simplified: unchanged
    assert is_simplified(["张掖市累计为驻地部队划拨土地2000多亩。"]) and not is_simplified(["張掖市累計為駐地部隊劃撥土地。"])


class Echo:
    """Reads nothing; remembers the questions it was given."""

    def __init__(self):
        self.questions = []

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        from qa.reading.reader import ReadResult

        self.questions += list(questions)
        return [ReadResult((), float("-inf")) for _ in questions]


def _assistant(index, encoder, reader):
    from qa.assistant import Assistant
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    retriever = Retriever.load(index, encoder=encoder, settings=Settings(quantize_queries=False))
    return Assistant(retriever, reader, settings=Settings(no_answer_threshold=0.0))


def test_simplified_characters_to_traditional_in_the_collections_forms():
    assert to_traditional("调动随军家属多少名？") == "調動隨軍家屬多少名？"
    assert to_traditional("头发") == "頭髮"  # OpenCC's phrases first: 发 is 髮 here, 發 elsewhere
    assert to_traditional("台湾为", Counter("臺灣為")) == "臺灣為"
    assert to_traditional("台湾为", Counter("台灣爲")) == "台灣爲"  # the forms this collection writes
    assert collection_script(["张掖市累计为驻地部队划拨土地"]).name == "simplified"
    assert collection_script(["張掖市累計為駐地部隊劃撥土地"]).name == "traditional"
    assert collection_script([]).name == "" and collection_script([]).convert("台湾") == "台湾"


def test_the_assistant_asks_a_traditional_question_in_the_collections_script(mini_index, hashing_encoder):
    reader = Echo()
    assistant = _assistant(mini_index, hashing_encoder, reader)
    response = assistant.ask("乙縣為駐地部隊提供用地多少畝？")
    assert reader.questions == ["乙县为驻地部队提供用地多少亩？"]
    assert response.question == "乙縣為駐地部隊提供用地多少畝？" and response.question_used == "乙县为驻地部队提供用地多少亩？"


def test_a_simplified_question_is_asked_of_a_traditional_collection_in_its_script(tmp_path, hashing_encoder):
    from opencc_purepy import OpenCC

    from conftest import MINI_COMPILATION
    from embeddings.index import build_index

    corpus = tmp_path / "corpus" / "mini.txt"
    corpus.parent.mkdir()
    corpus.write_text(OpenCC("s2t").convert(MINI_COMPILATION), encoding="utf-8")
    reader = Echo()
    assistant = _assistant(build_index([corpus], tmp_path / "index", hashing_encoder), hashing_encoder, reader)
    question = "协调调动随军家属多少名？"
    # as asked, its keywords match none of the passage's: BM25 ranks another passage first
    assert "隨軍家屬38名" not in assistant.retriever.search(question, k=1, mode="bm25")[0].passage.text
    response = assistant.ask(question)
    assert reader.questions == ["協調調動隨軍家屬多少名？"]
    assert response.question == question and response.question_used == "協調調動隨軍家屬多少名？"
    assert "隨軍家屬38名" in response.hits[0].passage.text
