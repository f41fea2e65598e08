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

from qa.reading.kind_checks import is_list_run
from qa.reading.reader import ReadResult

# a question asking for several things: 哪些 / 哪几 / 都有啥 / 干些什么 / 分别
SEVERAL_ASKED = re.compile(r"哪(?:些|几)|都[\u4e00-\u9fff]{0,2}(?:什么|啥)|些(?:什么|啥)|分别")


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
    """
    if not credit or not result.answers or not SEVERAL_ASKED.search(question):
        return result
    best = result.answers[0]
    if not is_list_run(best.text):
        return result
    raised = replace(best, reader_score=round(best.reader_score + credit, 4))
    return replace(result, answers=(raised,) + tuple(result.answers[1:]), margin=result.margin + credit)
