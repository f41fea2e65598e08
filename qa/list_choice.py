"""Which of the places naming a list's thing are listed: a logistic model over what retrieval and the question's
words say of each place's passage, fitted on the dev lists (`python -m eval.fit_list_choice`; weights in
qa/list_choice.json, with the figures of its fit).

The features need no reader, so a new reader leaves them as they were: the place's rank among the places naming
the thing, how many places of the scope name it (a thing every report names tells no place from another), whether
it names the thing as asked or an alternative, whether a rarer word stood in, and how much of the question's
wording (character pairs, weighted by their rarity among the passages in scope) its sentence naming the thing and
its passage say. The model is used in scopes of COMMON_FROM places or more (it was fitted on 32 to 34); in smaller
ones the rules of `qa.lists` decide.
"""
from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from qa.everyday import report_words
from qa.types import Hit

log = logging.getLogger(__name__)
WEIGHTS = Path(__file__).with_name("list_choice.json")
FEATURES = ("rank_n", "n_named_log", "share", "thing0", "rarer", "lex_sent", "lex_rel", "lex_pass")
# the words that ask for a list, not what it is about
LIST_WORDS = re.compile(r"(报告里|报告中|文中)?(提到|提及)?(的)?(都|还)?(有|是)?(哪些|哪几个|哪几|哪个|几个)(地方|城市|市|县|区|县市)?"
                        r"(有|是)?|有几个地方|分别是|是哪些|都有谁|都有|地方|城市")
SENTENCE_END = re.compile(r"(?<=[。；！？!?;])")


@dataclass(frozen=True)
class Choice:
    """A fitted model: each feature standardised by `mean` and `scale`, weighted, plus `bias`; a place is listed
    when the probability reaches `threshold`."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def probability(self, row: dict[str, float]) -> float:
        z = self.bias + sum(w * (row[f] - m) / s for f, m, s, w in zip(self.features, self.mean, self.scale, self.weights))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def shipped(path: Path = WEIGHTS) -> Choice | None:
    """The model in qa/list_choice.json, or None when it is missing or damaged (logged with the fix: the rules of
    `qa.lists` then decide)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        choice = Choice(tuple(data["features"]), tuple(map(float, data["mean"])), tuple(map(float, data["scale"])),
                        tuple(map(float, data["weights"])), float(data["bias"]), float(data.get("threshold", 0.5)))
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("列表地点选择模型 %s 无法读取（%s），改用规则选择；重新生成：python -m eval.fit_list_choice", path, e)
        return None
    if set(choice.features) - set(FEATURES) or not (len(choice.features) == len(choice.mean) == len(choice.scale)
                                                      == len(choice.weights)):
        log.warning("列表地点选择模型 %s 与本版本的特征不符，改用规则选择；重新生成：python -m eval.fit_list_choice", path)
        return None
    return choice


def pairs(text: str) -> set[str]:
    """The character pairs of a text's Chinese characters, letters and digits: pairs("双拥林，2处") -> {"双拥", "拥林", "林2", "2处"}."""
    text = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def features(question: str, ranked: dict[int, list[Hit]], named: Sequence[tuple[str, Hit, str]],
             things: Sequence[str], rarer: bool, places: int) -> list[dict[str, float]]:
    """Each named place's features (FEATURES), in the order of `named` (place, passage naming the thing, thing).
    `ranked` is every report's top hits in scope (their passages weight the pairs), `places` the places in scope."""
    scope = [pairs(h.passage.text) for hits in ranked.values() for h in hits]
    seen = Counter(p for s in scope for p in s)
    weight = {p: math.log((len(scope) + 1) / (1 + seen[p])) for p in seen}
    asked = pairs(LIST_WORDS.sub("", question)).union(*(pairs(w) for w in report_words(question)))
    whole = sum(weight.get(p, math.log(len(scope) + 1)) for p in asked) or 1.0
    rows = []
    for rank, (_, hit, thing) in enumerate(named):
        text = hit.passage.text
        sentence = next((s for s in SENTENCE_END.split(text) if thing and thing in s), text)
        rows.append({"rank_n": rank / max(len(named), 1), "n_named_log": math.log1p(len(named)),
                     "share": len(named) / max(places, 1), "thing0": float(bool(things) and thing == things[0]),
                     "rarer": float(rarer), "lex_sent": sum(weight.get(p, 0.0) for p in asked & pairs(sentence)) / whole,
                     "lex_pass": sum(weight.get(p, 0.0) for p in asked & pairs(text)) / whole})
    top = max((r["lex_sent"] for r in rows), default=0.0) or 1.0
    for r in rows:
        r["lex_rel"] = r["lex_sent"] / top
    return rows
