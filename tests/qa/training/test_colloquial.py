import random
from dataclasses import dataclass

import pytest

from embeddings.errors import InputError
from qa.training.colloquial import REWRITES, everyday, respeak
from qa.training.train import parse_args


@pytest.mark.parametrize("question, answer, prefix, forms", [
    ("泉州市完成投资多少？", "12.6亿元", "泉州市", REWRITES[0][2]),
    ("芜湖市累计投入资金多少万元用于双拥工作？", "3200万元", "芜湖市", REWRITES[0][2]),
    ("张掖累计为驻地部队划拨了多少亩土地？", "2000多亩", "张掖累计为驻地部队", REWRITES[1][2]),
    ("灵台县安置了多少名退役军人？", "6384名", "灵台县安置了", REWRITES[2][2]),
])
def test_the_asking_phrase_is_put_in_everyday_words(question, answer, prefix, forms):
    got = everyday(question, answer, random.Random(0))
    assert got != question and got.startswith(prefix) and any(f in got for f in forms) and got.endswith(question[-1])


@pytest.mark.parametrize("question, answer", [
    ("泉州市完成投资多少？", "127个"),  # the answer is no amount: the question is left as it is
    ("泉州市新增了多少个停车位？", "4100个"),
    ("张掖累计为驻地部队划拨了多少亩土地？", ""),  # a "no answer" example
])
def test_a_question_whose_answer_has_another_shape_is_kept(question, answer):
    assert everyday(question, answer, random.Random(0)) == question


@dataclass(frozen=True)
class Ex:
    question: str
    answer: str


def test_respeak_rewrites_a_share_the_same_way_for_a_seed():
    examples = [Ex("泉州市完成投资多少？", "12.6亿元")] * 100 + [Ex("泉州市新增了多少个停车位？", "4100个")] * 100
    once, again = respeak(examples, 0.5, seed=4), respeak(examples, 0.5, seed=4)
    changed = [e for e in once if e not in examples]
    assert once == again and 25 < len(changed) < 75 and all(e.answer == "12.6亿元" for e in changed)
    assert respeak(examples, 0.0, seed=4) is examples


def test_the_share_is_checked():
    assert parse_args(["--colloquial", "0.2"]).colloquial == 0.2
    with pytest.raises(InputError, match="colloquial"):
        parse_args(["--colloquial", "2"])
