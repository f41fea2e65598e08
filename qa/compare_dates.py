"""Dates of a comparison (哪件事更早), read as fully as the passage says them.

The reader may cut a date short where the question already says part of it: 5月里的两场活动，哪个先办的？ is answered
28日 from "5月28日，克拉玛依市举行…", and 哪件更早 2022年 from "2022年8月制定出台…". A comparison needs the whole
date, so the month or year written right beside the span is taken back into the answer before dating it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from qa.quantities import when
from qa.types import Answer, Part

YEAR, MONTH, DAY = r"(?:19|20)[0-9]{2}年", r"[0-9]{1,2}月", r"[0-9]{1,2}[日号]"
BARE_DAY, BARE_MONTH, BARE_YEAR = re.compile(DAY), re.compile(MONTH), re.compile(YEAR)  # the whole answer, fullmatch
MONTH_BEFORE, YEAR_BEFORE = re.compile(rf"(?:{YEAR})?{MONTH}$"), re.compile(rf"{YEAR}$")  # right before the answer
MONTH_AFTER = re.compile(rf"{MONTH}(?:{DAY})?")  # right after it (match)


def whole_date(answer: Answer) -> Answer:
    """The answer grown by the month or year written beside it in its passage: "28日" of "5月28日，…" ->
    "5月28日"; "2022年" of "2022年8月制定…" -> "2022年8月"; "8月" of "2022年8月…" -> "2022年8月"; anything
    else as it is.

    >>> from embeddings.types import Passage
    >>> p = Passage("p", 1, "5月28日，克拉玛依市举行揭牌仪式。", 0, 18)
    >>> whole_date(Answer("28日", 0.9, p, 2, 5)).text
    '5月28日'
    >>> whole_date(Answer("克拉玛依市", 0.9, p, 6, 11)).text
    '克拉玛依市'
    """
    text, passage = answer.text, answer.passage.text
    before, after = passage[max(0, answer.start - 9):answer.start], passage[answer.end:answer.end + 6]
    grown_before, grown_after = "", ""
    if BARE_DAY.fullmatch(text) and (month := MONTH_BEFORE.search(before)):
        grown_before = month.group()
    elif BARE_MONTH.fullmatch(text):
        grown_before = year.group() if (year := YEAR_BEFORE.search(before)) else ""
        grown_after = day.group() if (day := BARE_DAY.match(after)) else ""
    elif BARE_YEAR.fullmatch(text) and (rest := MONTH_AFTER.match(after)):
        grown_after = rest.group()
    if not grown_before and not grown_after:
        return answer
    start, end = answer.start - len(grown_before), answer.end + len(grown_after)
    return replace(answer, text=passage[start:end], start=start, end=end)


def with_whole_date(part: Part) -> Part:
    """The part with its best answer's date grown (whole_date); a part without an answer as it is."""
    if part.answer is None:
        return part
    answers = (whole_date(part.answer),) + part.response.answers[1:]
    return replace(part, response=replace(part.response, answers=answers))


def dated(answer: Answer) -> tuple[int, ...] | None:
    """`when` of an answer, a month said without its year dated by its report's year (今年4月, or 4月, of a report
    dated 2023年7月5日: (2023, 4); 去年4月: (2022, 4)); None when neither names a year."""
    found = when(answer.text)
    month = re.search(r"([0-9]{1,2})月(?:([0-9]{1,2})[日号])?", answer.text)
    year = when(answer.passage.date or "")
    if found or not month or not year:
        return found
    said = answer.passage.text[max(0, answer.start - 3):answer.start] + answer.text[:month.start()]
    back = 1 if "去年" in said else 2 if "前年" in said else 0
    return (year[0] - back, int(month.group(1))) + ((int(month.group(2)),) if month.group(2) else ())
