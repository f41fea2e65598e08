"""The fitted choice of which places naming a list's thing are listed (qa.list_choice)."""
import json
import math

import pytest

from embeddings.types import Passage
from qa.list_choice import FEATURES, WEIGHTS, Choice, features, pairs, shipped
from qa.types import Hit


def hit(n: int, place: str, text: str) -> Hit:
    return Hit(Passage(f"r{n:03d}-p001", n, text, 0, len(text), places=(place,)), 1.0, 1)


def test_a_sentence_saying_more_of_the_question_scores_higher_and_commonness_is_the_share_naming_it():
    a = hit(1, "张掖市", "张掖市为驻地部队划拨土地2000多亩。全市开展宣传。")
    b = hit(2, "芜湖市", "芜湖市开展宣传。为部队提供土地527亩。")
    c = hit(3, "来宾市", "来宾市开展宣传活动。")
    ranked = {1: [a], 2: [b], 3: [c]}
    named = [("张掖", a, "土地"), ("芜湖", b, "土地")]
    rows = features("哪些城市为驻地部队划拨了土地？", ranked, named, ("土地",), False, 3)
    assert [sorted(r) == sorted(FEATURES) for r in rows] == [True, True]
    assert rows[0]["lex_sent"] > rows[1]["lex_sent"] > 0  # 驻地部队划拨 said by 张掖's sentence only
    assert rows[0]["lex_rel"] == 1.0 and rows[1]["lex_rel"] == pytest.approx(rows[1]["lex_sent"] / rows[0]["lex_sent"])
    assert [r["share"] for r in rows] == [2 / 3, 2 / 3] and [r["rank_n"] for r in rows] == [0.0, 0.5]
    assert rows[0]["n_named_log"] == pytest.approx(math.log1p(2)) and rows[0]["thing0"] == 1.0


def test_the_probability_is_the_logistic_of_the_standardised_weighted_features():
    choice = Choice(("lex_sent", "share"), (0.2, 0.5), (0.1, 0.25), (2.0, -1.0), 0.5)
    z = 0.5 + 2.0 * (0.4 - 0.2) / 0.1 - 1.0 * (0.25 - 0.5) / 0.25
    assert choice.probability({"lex_sent": 0.4, "share": 0.25}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert pairs("双拥林，2处") == {"双拥", "拥林", "林2", "2处"}


def test_the_shipped_weights_are_for_these_features_with_their_fit_s_figures():
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and len(data["weights"]) == len(FEATURES)
    assert data["figures"]["leave_one_file_out"]["right"] > 0 and data["command"] == "python -m eval.fit_list_choice"
    model = shipped()
    assert model is not None and 0 < model.threshold < 1
    # a place whose passage says the question's rare words in the sentence naming the thing is surer than one
    # naming it in passing, when few of many places name it
    base = {"rank_n": 0.0, "n_named_log": math.log1p(3), "share": 3 / 34, "thing0": 1.0, "rarer": 0.0}
    said = model.probability({**base, "lex_sent": 0.6, "lex_rel": 1.0, "lex_pass": 0.7})
    passing = model.probability({**base, "lex_sent": 0.05, "lex_rel": 0.1, "lex_pass": 0.1})
    assert said > model.threshold > passing


def test_a_missing_or_damaged_weights_file_leaves_the_choice_to_the_rules_and_says_how_to_fix_it(tmp_path, caplog):
    damaged = tmp_path / "list_choice.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert shipped(damaged) is None and "python -m eval.fit_list_choice" in caplog.text
    assert shipped(tmp_path / "missing.json") is None
    other = dict(json.loads(WEIGHTS.read_text(encoding="utf-8")), features=["no_such_feature"] * len(FEATURES))
    damaged.write_text(json.dumps(other), encoding="utf-8")
    shipped.cache_clear()
    assert shipped(damaged) is None
    shipped.cache_clear()
