"""Words a report says in its headings: 报告里说到“双向奔赴”的（标题里的也算）是哪几个地方？ A report titled 双向奔赴
鱼水情深, or with a section 二、双向奔赴军民鱼水情谊深, says the words as surely as a paragraph does; passages hold
only paragraphs (a heading is their `section`), so `qa.list_mentions` asks here for the reports whose headings alone
say them. The answer is the heading itself: a title or subtitle cut from the report's header (`read_by="header"`,
as `qa.report_header` answers), a section heading cut from the line of the report's text that it is, with its
offsets.
"""
from __future__ import annotations

from typing import Iterable

from embeddings.places import stem
from embeddings.types import Passage, Report
from qa.report_header import header_passage
from qa.retrieval.retriever import unquoted
from qa.types import Answer


def says(text: str, word: str) -> bool:
    """Whether the text says the word, quotation marks and spaces counting for nothing: says("“双向”奔赴", "双向奔赴")."""
    return unquoted(word, punctuation=False) in unquoted(text, punctuation=False)


def heading_answer(report: Report, word: str, sections: Iterable[str], confidence: float) -> Answer | None:
    """The heading of the report that says the word, as an answer: its title or subtitle, else a section heading
    (one of `sections`, found as a line of its text); None when no heading says it.

    >>> r = Report(3, "双向奔赴鱼水情深", "来宾市双拥工作综述", "2023年8月", "a.txt", "一、高位推动\\n正文。", ("来宾市",))
    >>> heading_answer(r, "双向奔赴", [], 0.95).text, heading_answer(r, "高位推动", ["一、高位推动"], 0.95).start
    ('双向奔赴鱼水情深', 0)
    """
    for line in (report.title, report.subtitle):
        if line and says(line, word):
            passage = header_passage(report)
            start = passage.text.find(line)
            return Answer(line, 1.0, passage, start, start + len(line), read_by="header", confidence=confidence)
    for heading in dict.fromkeys(sections):
        at = report.text.find(heading) if heading and says(heading, word) else -1
        if at >= 0:
            passage = Passage(f"r{report.number:03d}-h{at}", report.number, heading, at, at + len(heading),
                              report.title, report.subtitle, report.date, heading, 0, report.places, report.source)
            return Answer(heading, 1.0, passage, 0, len(heading), confidence=confidence)
    return None


def heading_answers(reports: Iterable[Report], passages: Iterable[Passage], words: Iterable[str], confidence: float,
                    *, skip: set[str], scope: set[int] | None = None) -> dict[str, tuple[Answer, str]]:
    """For each place (stem) not in `skip` whose report (within `scope`, report numbers) says one of the words in a
    heading only: the heading's answer and the word."""
    sections: dict[int, list[str]] = {}
    for p in passages:
        sections.setdefault(p.report, []).append(p.section)
    found: dict[str, tuple[Answer, str]] = {}
    for report in reports:
        place = stem(report.places[0]) if report.places else ""
        if not place or place in skip or place in found or (scope is not None and report.number not in scope):
            continue
        for word in words:
            if (answer := heading_answer(report, word, sections.get(report.number, []), confidence)) is not None:
                found[place] = (answer, word)
                break
    return found
