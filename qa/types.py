"""Hits, answers and responses: what the question side hands across boundaries."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from embeddings.tables import TableCell, cell_at
from embeddings.types import Passage


@dataclass(frozen=True)
class Hit:
    """A retrieved passage; `found_by` maps each retriever that found it to its 1-based rank there."""

    passage: Passage
    score: float
    rank: int
    found_by: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "score": self.score, "found_by": dict(self.found_by), "passage": self.passage.to_dict()}


@dataclass(frozen=True)
class Answer:
    """An answer span: always `passage.text[start:end] == text`."""

    text: str
    score: float
    passage: Passage
    start: int
    end: int
    reader_score: float = 0.0
    retrieval_score: float = 0.0
    confidence: float | None = None  # calibrated P(right) from the reader margin; None without a calibration
    # who cut the span: "reader" (the QA model), "header" (a report's date or title, qa.report_header), or "figure" (a ranking's figure the passage writes against the thing
    # counted, `qa.list_attached`: no model score, shown as such)
    read_by: str = "reader"

    def __post_init__(self) -> None:
        if self.passage.text[self.start:self.end] != self.text:
            raise ValueError(f"answer {self.text!r} is not passage.text[{self.start}:{self.end}]")

    @property
    def report_start(self) -> int:
        """Offset of the answer in its report's cleaned text (0 for a header's answer: it is in no body text)."""
        return 0 if self.read_by == "header" else self.passage.start + self.start

    @property
    def report_end(self) -> int:
        """End of the answer in its report's cleaned text (0 for a header's answer: the empty range 0:0)."""
        return 0 if self.read_by == "header" else self.report_start + len(self.text)

    @property
    def cell(self) -> TableCell | None:
        """The table, row and column of an answer cut from a table row's passage; None elsewhere."""
        return cell_at(self.passage.text, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": self.score, "start": self.start, "end": self.end,
                "report_start": self.report_start, "reader_score": self.reader_score,
                "retrieval_score": self.retrieval_score, "confidence": self.confidence, "read_by": self.read_by,
                "cell": asdict(cell) if (cell := self.cell) else None,
                "passage": self.passage.to_dict()}


@dataclass(frozen=True)
class Response:
    """The assistant's reply: answers (best first) or none, the hits read, and timings in ms."""

    question: str
    answers: tuple[Answer, ...]
    hits: tuple[Hit, ...]
    timings: dict[str, float] = field(default_factory=dict)
    no_answer_score: float = 0.0
    reason: str = ""  # why there is no answer (in Chinese, for the user); "" when answered
    # the same for programs: "no_passages", "low_confidence" (below the threshold), "unknown_place",
    # "other_place" (only another place's report answers), "other_unit" (a count of another thing),
    # "uncounted" (what the question counts is not named near the answer), "no_subject" (the question says nothing of
    # what it asks about: 谁更多？ with no places talked about), "other_kind" (no year or date for a
    # question asking when); "" when answered
    reason_code: str = ""
    # with "not found": a hedged answer (可能的答案, confidence 低) when the reader's best span of the asked type
    # was below the threshold by at most Settings.hedge_band; never an answer
    possible: tuple[Answer, ...] = ()
    # what the question asks (qa.kinds): "single", "list", "compare" or "total"; for the others, `summary` is
    # the one-line answer ("芜湖（1018个）多于来宾（887个）") and `parts` each place's own question and response
    kind: str = "single"
    summary: str | None = None
    parts: tuple["Part", ...] = ()
    question_used: str = ""  # the question answered ("" : `question` itself)

    @property
    def abstained(self) -> bool:
        return not self.answers

    @property
    def hedged(self) -> bool:
        """No answer, but a possible one is offered."""
        return not self.answers and bool(self.possible)

    @property
    def best(self) -> Answer | None:
        return self.answers[0] if self.answers else None

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "abstained": self.abstained, "no_answer_score": self.no_answer_score,
                "reason": self.reason, "reason_code": self.reason_code, "hedged": self.hedged,
                "answers": [a.to_dict() for a in self.answers], "possible": [a.to_dict() for a in self.possible], "hits": [h.to_dict() for h in self.hits],
                "timings": dict(self.timings), "kind": self.kind, "summary": self.summary,
                "parts": [p.to_dict() for p in self.parts], "question_used": self.question_used or self.question}


@dataclass(frozen=True)
class Part:
    """One place's share of a list, comparison or total: the question asked of it and its own response."""

    place: str
    question: str
    response: Response

    @property
    def answer(self) -> Answer | None:
        return self.response.best

    def to_dict(self) -> dict[str, Any]:
        a = self.answer
        return {"place": self.place, "question": self.question, "text": a.text if a else None,
                "report": a.passage.report if a else None, "citation": citation(a) if a else None,
                "confidence": a.confidence if a else None, "abstained": self.response.abstained,
                "reason": self.response.reason, "reason_code": self.response.reason_code,
                "answer": a.to_dict() if a else None, "possible": [p.to_dict() for p in self.response.possible]}


def citation(answer: Answer) -> dict[str, Any]:
    """Where an answer is: report, title, date, section, paragraph and its offsets in the report's text."""
    p = answer.passage
    return {"report": p.report, "title": p.title, "subtitle": p.subtitle, "date": p.date, "section": p.section,
            "paragraph": p.paragraph, "passage_id": p.id, "start": answer.report_start,
            "end": answer.report_end}


def as_json(obj: Any) -> Any:
    """A dataclass or list of them as JSON-ready data."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, (list, tuple)):
        return [as_json(o) for o in obj]
    return asdict(obj)
