"""The figures of a comparison or a total, read from each place's answer: its quantity (a bare 万 figure of money
in 元), and what two of them say beside who has more: their gap (差了多少亩) and their ratio (是来宾的几倍).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from qa.quantities import Quantity, gap, parse, written
from qa.types import Part


def values(parts: Sequence[Part]) -> tuple[list[Quantity], str]:
    """Each part's quantity, or the reason one has none ("芜湖的答案“…”不是数量")."""
    found = []
    for p in parts:
        q = parse(p.answer.text)
        if q is None:
            return [], f"{p.place}的答案“{p.answer.text}”不是一个数量，无法计算"
        found.append(in_yuan(q, p.question))
    return found, ""


# a question about an amount of money: a figure of 万 or 亿 with no unit answering it is in 元 (经费136万); wider than
# answer_types.MONEY_WORDS (投入了多少 asks a number there, whose bare 万 figure is still money here)
ASKS_MONEY = re.compile(r"钱|经费|资金|款|补助|补贴|奖金|奖励金|投入|投资|金额|元")


def in_yuan(quantity: Quantity, question: str) -> Quantity:
    """The quantity in 元 when it has no unit, was written with 万 or 亿, and the question asks an amount of money;
    else as it was: in_yuan(parse("136万"), "双鸭山的双拥工作经费有多少？") -> Quantity(1360000.0, "元", 1e4)."""
    if quantity.unit or quantity.scale < 1e4 or not ASKS_MONEY.search(question):
        return quantity
    return replace(quantity, unit="元")


def _comparable_pair(parts: Sequence[Part]) -> tuple[Quantity, Quantity] | None:
    """The two parts' quantities when both are figures that compare, else None."""
    found, problem = values(parts)
    return None if problem or not found[0].comparable(found[1]) else (found[0], found[1])


def gap_said(parts: Sequence[Part]) -> str:
    """"，相差131个" after a comparison of two figures ("" for dates, or figures that do not compare)."""
    pair = _comparable_pair(parts)
    return f"，相差{written(gap(*pair))}" if pair else ""


def ratio_said(parts: Sequence[Part]) -> str:
    """"，芜湖是来宾的1.15倍" after a comparison of two figures ("" for figures that do not compare, or a zero)."""
    pair = _comparable_pair(parts)
    if pair is None or not pair[1].value:
        return ""
    times = f"{pair[0].value / pair[1].value:.2f}".rstrip("0").rstrip(".")
    about = "约" if pair[0].inexact or pair[1].inexact else ""
    return f"，{parts[0].place}是{parts[1].place}的{about}{times}倍"
