"""Answer metrics in CMRC 2018 style: normalisation, exact match, character F1, and one item's (EM, F1).

Pure functions over strings, shared by calibration (`qa.training.calibrate`) and the eval harness
(`eval.metrics` re-exports them), so that training never imports `eval/`. Imports nothing of the project.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# The CMRC 2018 evaluation script's punctuation list, plus ASCII and other full-width punctuation.
# Kept on purpose: "." "．" "%" "％", which change a number's meaning ("3.5亿" is not "35亿").
_KEEP = set(".．%％")
_EXTRA = set("-:_*^/\\~`+=，。：？！“”；’‘《》…·、「」（）－～『』【】〈〉〔〕—｜|\"'()[]{}<>,;?!@#&$")


def _is_punct(char: str) -> bool:
    if char in _KEEP:
        return False
    return char in _EXTRA or unicodedata.category(char).startswith("P")


def normalize(text: str) -> str:
    """Lowercase, drop whitespace and punctuation (Chinese and ASCII), keep "." and "%".

    >>> normalize(" 约 37万元。")
    '约37万元'
    >>> normalize("《Hello, World》")
    'helloworld'
    >>> normalize("3.5%")
    '3.5%'
    """
    return "".join(c for c in text.lower() if not c.isspace() and not _is_punct(c))


def exact_match(prediction: str, answers: Sequence[str]) -> float:
    """1.0 when the normalised prediction equals any normalised gold answer.

    >>> exact_match("37万元。", ["37万元", "37万"])
    1.0
    >>> exact_match("约37万元", ["37万元"])
    0.0
    """
    pred = normalize(prediction)
    return float(any(pred == normalize(a) for a in answers))


def _longest_common_substring(a: str, b: str) -> int:
    """Length of the longest contiguous common substring, as CMRC 2018's `find_lcs`.

    >>> _longest_common_substring("约37万元", "37万元")
    4
    """
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        row = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                row[j] = prev[j - 1] + 1
                best = max(best, row[j])
        prev = row
    return best


def char_f1(prediction: str, answers: Sequence[str]) -> float:
    """Character-level F1 (CMRC 2018: longest common substring), best over the gold answers.

    Precision = lcs / len(prediction), recall = lcs / len(answer), after `normalize`.

    >>> round(char_f1("约37万元", ["37万元"]), 4)   # lcs 4: p = 4/5, r = 4/4
    0.8889
    >>> round(char_f1("370万", ["37万", "15处"]), 4)  # lcs "37": p = 2/4, r = 2/3
    0.5714
    """
    pred = normalize(prediction)
    scores = [0.0]
    for answer in answers:
        gold = normalize(answer)
        lcs = _longest_common_substring(pred, gold)
        if lcs:
            precision, recall = lcs / len(pred), lcs / len(gold)
            scores.append(2 * precision * recall / (precision + recall))
    return max(scores)


def score_answer(prediction: str | None, answers: Sequence[str]) -> tuple[float, float]:
    """(EM, F1) of one item; `prediction` None means the system abstained.

    An unanswerable item (no gold answers) scores (1, 1) only when the system abstains;
    an answerable one scores (0, 0) when it abstains.

    >>> score_answer(None, [])
    (1.0, 1.0)
    >>> score_answer("15处", [])
    (0.0, 0.0)
    >>> score_answer(None, ["15处"])
    (0.0, 0.0)
    >>> score_answer("15处", ["15处", "15"])
    (1.0, 1.0)
    """
    if not answers:
        return (1.0, 1.0) if prediction is None else (0.0, 0.0)
    if prediction is None:
        return 0.0, 0.0
    return exact_match(prediction, answers), char_f1(prediction, answers)
