"""The margin of a whole list answering a question that asks for several things.

The reader scores a run of three or more items joined by 、 (组织部、人武部、团市委) lower than a single span of the
same worth: its "no answer" score does not fall with each item the run adds. Measured on the follow-up turns that
ask 哪些 / 哪几, such runs were right down to margins far below the threshold while no single span was, so a
question asking for several things, whose best answer is such a run, reads its margin `Settings.list_credit` higher:
the threshold, the hedge and the calibrated confidence then all see the raised margin (docs/results.md,
"Twenty-second session", with and without).
"""
from __future__ import annotations

import re
from dataclasses import replace

from qa.reading.kind_checks import ITEM, is_list_run
from qa.reading.list_tails import starts_word
from qa.reading.listed_spans import LEAD_WORD
from qa.reading.reader import ReadResult
from qa.types import Answer

# a question asking for several things: 哪些 / 哪几 / 都有啥 / 干些什么 / 分别
SEVERAL_ASKED = re.compile(r"哪(?:些|几|[两二三四五六七八九十](?![年月天日]))|都[\u4e00-\u9fff]{0,2}(?:什么|啥)|些(?:什么|啥)|分别")
# a phrase the question quotes with 几 for its figure (“几位一体”): the answer saying it with a numeral fills it
QUOTED_SLOT = re.compile(r"[“\"]([\u4e00-\u9fff]{0,3})几([\u4e00-\u9fff]{1,4})[”\"]")
NUMERAL = "[一二两三四五六七八九十百0-9]+"


def credited(question: str, result: ReadResult, credit: float) -> ReadResult:
    """The reading with its best answer's margin raised by the list credit, when the question asks for several
    things and that answer is a whole list run; else unchanged. `credit` is Settings.list_credit (0: never).

    >>> from qa.types import Answer, Passage
    >>> text = "统筹组织部、人武部、团市委等单位集中办公"
    >>> best = Answer("组织部、人武部、团市委", -9.0, Passage("p", 1, text, 0, len(text)), 2, 13, reader_score=-9.0)
    >>> r = credited("钦州把哪些单位叫到一块儿集中办公？", ReadResult((best,), -9.0), 9.0)
    >>> r.margin, r.answers[0].reader_score
    (0.0, 0.0)
    >>> credited("钦州把什么单位叫到一块儿？", ReadResult((best,), -9.0), 9.0).margin  # one thing asked
    -9.0
    >>> credited("钦州把哪三个单位叫到一块儿？", ReadResult((best,), -9.0), 9.0).margin  # as many as said
    0.0
    """
    if not credit or not result.answers:
        return result
    best = result.answers[0].text
    several = SEVERAL_ASKED.search(question) is not None and is_list_run(best)
    return with_credit(result, credit) if several or fills_slot(question, best) else result


def fills_slot(question: str, text: str) -> bool:
    """Whether the answer is a phrase the question quotes with 几 for its figure, said with a numeral: the reader
    scores such an answer low though it says just what was asked.

    >>> fills_slot("西区那套体系用的是个“几位一体”的说法？", "“五位一体”"), fills_slot("用的是“几位一体”？", "五大体系")
    (True, False)
    """
    said = text.strip("“”\"")
    return any(re.fullmatch(re.escape(pre) + NUMERAL + re.escape(post), said)
               for pre, post in QUOTED_SLOT.findall(question))


def with_credit(result: ReadResult, credit: float) -> ReadResult:
    """The reading with its margin and its best answer's reader score raised by `credit` (the threshold, the hedge and
    the calibrated confidence all read them): the list credit's and the row credit's (`qa.reading.row_margin`)."""
    best = result.answers[0]
    raised = replace(best, reader_score=round(best.reader_score + credit, 4))
    return replace(result, answers=(raised,) + tuple(result.answers[1:]), margin=result.margin + credit)


JOINS = re.compile(r"、|以及|和|及|与")
LIST_SLACK = 6.0  # how far below the best a whole list holding it may score and still go first


def whole_list_first(question: str, result: ReadResult, slack: float = LIST_SLACK) -> ReadResult:
    """The reading with a whole list put first, for a question asking for several things whose best answer is one
    thing (or part of one) inside a list the pool also holds, from the same passage, scored no more than `slack`
    below it; else unchanged. The margin stays: an answer is there as surely as before.

    >>> from qa.types import Passage
    >>> text = "退役士兵安置到事业单位和国有企业比例达100%"
    >>> p = Passage("p", 1, text, 0, len(text))
    >>> pool = (Answer("事业单位", 12.4, p, 7, 11), Answer("事业单位和国有企业比例", 6.7, p, 7, 18),
    ...         Answer("事业单位和国有企业", 6.5, p, 7, 16))
    >>> [a.text for a in whole_list_first("他们的退役士兵安置去了哪些单位？", ReadResult(pool, 12.4)).answers]
    ['事业单位和国有企业', '事业单位', '事业单位和国有企业比例']
    >>> [a.text for a in whole_list_first("退役士兵安置去了什么单位？", ReadResult(pool, 12.4)).answers]  # one asked
    ['事业单位', '事业单位和国有企业比例', '事业单位和国有企业']
    """
    if len(result.answers) < 2 or not SEVERAL_ASKED.search(question) or JOINS.search(result.answers[0].text):
        return result
    best = result.answers[0]
    wholes = [a for a in result.answers[1:] if a.passage.id == best.passage.id and a.start <= best.start
              and best.end <= a.end and best.score - a.score <= slack and _joined(a.text)
              and starts_word(a.passage.text, a.start) and starts_word(a.passage.text, a.end)]
    if not wholes:
        return result
    whole = min(wholes, key=_unevenness)  # things alike in length: 事业单位和国有企业, not …企业比例
    return replace(result, answers=(whole,) + tuple(a for a in result.answers if a is not whole))


def _joined(text: str) -> bool:
    """Whether a span is two things or more joined by 、 / 和 / 及 / 与, each of 2–14 characters, none a figure
    (国防教育基地5个、少年军校6个 counts things, it does not name them), with no 等 and no preposition before the first.

    >>> _joined("事业单位和国有企业"), _joined("国防教育基地5个、少年军校6个"), _joined("通过以案释法、提问答疑等方式进行")
    (True, False, False)
    """
    items = JOINS.split(text)
    return (len(items) >= 2 and all(ITEM.fullmatch(item) for item in items) and not re.search(r"[0-9等]", text)
            and not LEAD_WORD.match(text))  # …提问答疑等方式进行: a clause; 通过以案释法、…: led by its preposition


def _unevenness(answer: Answer) -> tuple[float, float]:
    """How unlike in length a list's things are (longest / shortest), then its score, lowest first: a list whose
    first thing the reader cut short (服务中心、乡村退役军人服务站) comes after the whole one."""
    lengths = [len(item) for item in JOINS.split(answer.text)]
    return max(lengths) / min(lengths), -answer.score
