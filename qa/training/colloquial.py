"""Training questions put the way people ask them: the asking phrase of a money, land or head-count question
replaced by its everyday form, so the reader learns that 花了多少钱 asks what a report calls 完成投资 or 投入资金.

A probe of the stage-2 and the packed readers (docs/training.md) on one paragraph (…完成投资12.6亿元…):
泉州市完成投资多少？ gets 12.6亿元 at margin 7, 泉州一共花了多少钱改造？ gets 127个 and 泉州市改造投入了多少资金？
"no answer": the synonym rewrites (qa.training.paraphrase) swap single words and never reach these phrases. A
rewrite applies only when the example's answer has the asked shape (an amount in 元, an area in 亩, a count of
名), so a question's meaning never changes. Training data only: nothing at query time reads this.
"""
from __future__ import annotations

import logging
import random
import re
from dataclasses import replace

log = logging.getLogger(__name__)

NUMBER = r"\d[\d.,，]*\s*(?:多|余)?"
# (the answer's shape, the asking phrase as reports word it, everyday forms of that phrase)
REWRITES = (
    (re.compile(rf"{NUMBER}(?:万|亿)?元$"),
     re.compile(r"(?:累计|共|总)?(?:完成|投入|投资|筹集|安排|落实)了?(?:资金|经费|投资)?(?:共|达)?多少(?:万元|亿元|元|资金|经费|钱)?"),
     ("花了多少钱", "一共花了多少钱", "投了多少钱", "用了多少钱")),
    (re.compile(rf"{NUMBER}亩$"),
     re.compile(r"(?:累计)?(?:划拨|提供|调剂|征用|协调)了?多少(?:亩)?(?:土地|用地)?"),
     ("给了多少地", "划了多少地", "拿出了多少地")),
    (re.compile(rf"{NUMBER}名$"), re.compile(r"多少名"), ("多少人",)),
)


def everyday(question: str, answer: str, rng: random.Random) -> str:
    """The question with its asking phrase in an everyday form, when its answer has that phrase's shape.

    >>> everyday("泉州市改造投入了多少资金？", "12.6亿元", random.Random(1)) in {"泉州市改造" + f + "？" for f in REWRITES[0][2]}
    True
    >>> everyday("泉州市改造投入了多少资金？", "127个", random.Random(1))
    '泉州市改造投入了多少资金？'
    """
    for shape, phrase, forms in REWRITES:
        if answer and shape.search(answer):
            found = phrase.search(question)
            if found:
                return question[:found.start()] + rng.choice(forms) + question[found.end():]
    return question


def respeak(examples: list, share: float, *, seed: int) -> list:
    """The examples with `share` of those whose question can be put in everyday words rewritten (same draw for
    the same seed); the others as they are."""
    if share <= 0:
        return examples
    rng, out, changed = random.Random(seed), [], 0
    for e in examples:
        if rng.random() < share:
            question = everyday(e.question, e.answer, rng)
            changed += question != e.question
            e = replace(e, question=question)
        out.append(e)
    log.info("put %d of %d questions in everyday words", changed, len(examples))
    return out
