"""The margin of a figure in the very unit or kind a question asks for, read just below the threshold.

Asked in everyday words (徐州骑电瓶车戴头盔的现在占多少？ for a report's 电动自行车骑乘人员头盔佩戴率达93.5%), the reader
often cuts the right figure and still scores it a few points below "no answer". Measured on the new users'
collections and the dev sets (docs/results.md, "Twenty-sixth session"), a best answer that is a figure of the asked
kind with its unit (a sum of money for 多少钱, a share for 占多少, 人次 for 多少人次, a length for 多少公里, a figure
with a unit for a plain 多少) was right about twice as often as not in the band just below the threshold, while
counts of things (多少家, 几个) were mostly another thing's count there and gain nothing. Such an answer is lifted
to the threshold, never above it: it is given at the lowest confidence an answer has, and every check of its kind,
unit, counted noun and place still runs.
"""
from __future__ import annotations

import re

from qa.reading.answer_types import NUM, PERSON_TIMES, expected_type
from qa.reading.list_margin import with_credit
from qa.reading.reader import ReadResult
from qa.types import Answer

RATE_WORD = re.compile(r"[^\W\d的对在是有了和与及]{1,4}率")  # 森林覆盖率, 知晓率, 利率
RATE_REACH = 30  # characters before the answer in which the rate asked must be said
LIFTED_KINDS = ("number", "money", "percent")  # and every size- and unit- kind, and 人次; not counts of things


def unit_credited(question: str, result: ReadResult, credit: float, ceiling: float) -> ReadResult:
    """The reading lifted to `ceiling` (the threshold) when its best answer is a figure of the kind the question asks,
    with its unit, and lies at most `credit` below it; else unchanged. `credit` is Settings.unit_credit (0: never).

    >>> from qa.types import Answer, Passage
    >>> text = "电动自行车骑乘人员头盔佩戴率达93.5%"
    >>> at = text.index("93.5%")
    >>> best = Answer("93.5%", -10.3, Passage("p", 1, text, 0, len(text)), at, at + 5, reader_score=-10.3)
    >>> unit_credited("徐州骑电瓶车戴头盔的现在占多少？", ReadResult((best,), -10.3), 5.5, -7.0).margin
    -7.0
    >>> unit_credited("徐州骑电瓶车戴头盔的现在占多少？", ReadResult((best,), -10.3), 2.0, -7.0).margin  # too far below
    -10.3
    >>> unit_credited("徐州有多少家驾校？", ReadResult((best,), -10.3), 5.5, -7.0).margin  # a count: never
    -10.3
    >>> unit_credited("徐州骑电瓶车戴头盔的现在占多少？", ReadResult((best,), -9.0), 5.5, -7.0).answers[0].reader_score
    -7.0
    """
    if not credit or not result.answers or result.answers[0].reader_score is None:
        return result
    best = result.answers[0]
    low = min(result.margin, best.reader_score)  # both must reach the threshold (the assistant reads both)
    if not low < ceiling <= low + credit or not lifted(question, best.text) or not rate_said(question, best):
        return result
    return with_credit(result, ceiling - low)


def lifted(question: str, answer: str) -> bool:
    """Whether `answer` is a figure with its unit of the kind `question` asks (not a bare number, not a count).

    >>> lifted("遵义去年全市用了多少电？", "236亿千瓦时"), lifted("遵义去年全市用了多少电？", "236")
    (True, False)
    >>> lifted("九江去年汛期下了多少毫米雨？", "5次"), lifted("孝感去年查资料的有多少人次？", "2.86万人次")
    (False, True)
    """
    atype = expected_type(question)
    if atype is None or not (atype.name in LIFTED_KINDS or atype is PERSON_TIMES
                             or atype.name.startswith(("size-", "unit-"))):
        return False
    text = answer.strip()
    return atype.matches(text) and re.fullmatch(NUM, text) is None


def rate_said(question: str, answer: Answer) -> bool:
    """Whether the rate a question names (its last word ending in 率) is said just before the answer, or no rate is
    named: 芜湖的森林覆盖率 is not the 公园绿地服务半径覆盖率 of 91.5%.

    >>> from qa.types import Passage
    >>> text = "公园绿地服务半径覆盖率达到91.5%"
    >>> a = Answer("91.5%", -9.0, Passage("p", 1, text, 0, len(text)), 13, 18)
    >>> rate_said("芜湖的森林覆盖率是多少？", a), rate_said("芜湖绿地的覆盖率是多少？", a), rate_said("占多少？", a)
    (False, True, True)
    """
    rates = RATE_WORD.findall(question)
    return not rates or rates[-1] in answer.passage.text[max(0, answer.start - RATE_REACH):answer.start]
