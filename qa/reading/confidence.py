"""A reader margin as a probability a person can read: Platt scaling fitted on held-out questions.

The reader's margin (best span score minus the "no answer" score) is unbounded and its scale depends
on the model. `Confidence` maps it through a logistic curve, P(correct) = 1 / (1 + exp(-(a * margin + b))),
whose two numbers are fitted by `fit` on questions the reader was not trained on (qa.training.calibrate
saves them into the reader's calibration.json).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from embeddings.errors import InputError


HIGH = 0.8  # an answer this likely to be right is marked 高


@dataclass(frozen=True)
class Confidence:
    """P(the answer is right) from a reader margin: a logistic curve with slope `a` and offset `b`."""

    a: float
    b: float

    def probability(self, margin: float) -> float:
        """The calibrated probability, rounded to 3 places.

        >>> Confidence(1.0, 0.0).probability(0.0)
        0.5
        >>> Confidence(2.0, -1.0).probability(3.0)
        0.993
        """
        z = self.a * margin + self.b
        z = max(-60.0, min(60.0, z))
        return round(1.0 / (1.0 + math.exp(-z)), 3)

    def margin_at(self, probability: float) -> float:
        """The margin whose probability is `probability`: margin_at(0.5) is where an answer is as likely right as
        not, the lowest margin an answer is given at when the threshold is fitted with `qa.training.calibrate --also`.

        >>> Confidence(0.5, 1.0).margin_at(0.5)
        -2.0
        """
        if self.a <= 0:
            raise InputError(f"a confidence curve must rise with the margin (slope {self.a}): refit it")
        return (math.log(probability / (1.0 - probability)) - self.b) / self.a

    def to_dict(self) -> dict[str, float]:
        return {"a": round(self.a, 5), "b": round(self.b, 5)}

    @classmethod
    def from_dict(cls, data: object) -> "Confidence":
        try:
            return cls(float(data["a"]), float(data["b"]))  # type: ignore[index]
        except (TypeError, KeyError, ValueError) as err:
            raise InputError(f"confidence calibration must be {{'a': float, 'b': float}}, got {data!r}: "
                             "rerun python -m qa.training.calibrate") from err


def fit(margins: Sequence[float], correct: Sequence[bool], *, steps: int = 50, l2: float = 1e-3) -> Confidence:
    """Fit a and b by Newton's method on the log loss (a little L2 keeps it finite on separable data).

    >>> c = fit([-2, -1, 0, 1, 2, 3], [False, False, True, False, True, True])
    >>> c.probability(-2) < 0.5 < c.probability(3)
    True
    """
    if len(margins) != len(correct) or len(margins) < 2:
        raise InputError(f"need at least 2 margins with as many labels, got {len(margins)} and {len(correct)}")
    xs = [max(-50.0, min(50.0, float(m))) for m in margins]
    ys = [1.0 if c else 0.0 for c in correct]
    a = b = 0.0
    for _ in range(steps):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in zip(xs, ys):
            p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, a * x + b))))
            ga, gb = ga + (p - y) * x, gb + (p - y)
            w = p * (1 - p)
            haa, hab, hbb = haa + w * x * x, hab + w * x, hbb + w
        ga, haa, hbb = ga + l2 * a, haa + l2, hbb + l2
        det = haa * hbb - hab * hab
        if det <= 1e-12:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-8:
            break
    return Confidence(a, b)


def brier(confidence: Confidence, margins: Sequence[float], correct: Sequence[bool]) -> float:
    """Mean squared gap between the probability and what happened (0 is perfect, 0.25 a coin)."""
    pairs = list(zip(margins, correct))
    return round(sum((confidence.probability(m) - float(c)) ** 2 for m, c in pairs) / max(1, len(pairs)), 4)


def describe(probability: float | None, score: float, read_by: str = "reader") -> str:
    """What a person is shown: the calibrated probability with a plain level, or the raw score marked
    as such when the reader has no calibration, or that no model scored it (a ranking's figure taken as the report
    writes it against the thing counted).

    >>> describe(0.912, 7.3)
    '置信度 91%（高）'
    >>> describe(None, 7.3)
    '得分 7.30（未校准）'
    >>> describe(None, 0.0, "figure")
    '原文写在该项旁的数字（未经模型打分）'
    >>> describe(None, 1.0, "header")
    '取自报告的标题和日期（未经模型打分）'
    >>> describe(None, 1.7, "source")
    '字词和语义相符 1.70/3（未经模型打分）'
    """
    if read_by == "figure":
        return "原文写在该项旁的数字（未经模型打分）"
    if read_by == "header":
        return "取自报告的标题和日期（未经模型打分）"
    if read_by == "source":
        return f"字词和语义相符 {score:.2f}/3（未经模型打分）"
    if probability is None:
        return f"得分 {score:.2f}（未校准）"
    level = "高" if probability >= HIGH else "中" if probability >= 0.5 else "低"
    return f"置信度 {probability:.0%}（{level}）"
