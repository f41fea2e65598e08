"""The JSON shapes of the HTTP service (pydantic): requests, hits, answers with citations, reports, health."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from qa.types import Answer, Hit

EXAMPLE = "张掖市累计为驻地部队划拨了多少亩土地？"


# Whole request bodies that run as shown: /docs offers the first as "Try it out" (tests post every one)
SEARCH_EXAMPLES = [{"query": EXAMPLE, "k": 3}, {"query": "随军家属就业", "k": 3, "places": ["张掖"]}]
ASK_EXAMPLES = [{"question": EXAMPLE}, {"question": "那芜湖呢？", "history": [{"question": EXAMPLE, "answer": "2000多亩"}]},
                {"question": "芜湖和张掖，谁给部队划拨的土地更多？"}]


class SearchRequest(BaseModel):
    # strict: JSON true is not k=1, "5" is not 5
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": SEARCH_EXAMPLES})
    query: str = Field(description="the question or keywords, in Chinese", examples=[EXAMPLE])
    k: int = Field(5, ge=1, le=100, description="how many passages")
    mode: Literal["hybrid", "dense", "bm25"] = "hybrid"
    reports: list[int] | None = Field(None, description="only these report numbers (see /reports)")
    places: list[str] | None = Field(None, description="only reports about these places, e.g. 张掖 or 张掖市")


class TurnIn(BaseModel):
    """An earlier turn of the conversation: the question asked and the answer given."""

    model_config = ConfigDict(extra="forbid", strict=True)
    question: str = Field(max_length=1000)
    answer: str = Field("", max_length=1000)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": ASK_EXAMPLES})
    question: str = Field(description="a question in Chinese", examples=[EXAMPLE])
    k: int | None = Field(None, ge=1, le=100, description="passages to read (default: settings)")
    reports: list[int] | None = None
    places: list[str] | None = None
    history: list[TurnIn] | None = Field(None, max_length=20, description="earlier turns, oldest first: a "
                                         "follow-up (那芜湖呢？, 该市…) is answered as the question it stands for "
                                         "(question_used)")

    def turns(self):
        """The history as qa.conversation.Turn values (None when there is none)."""
        from qa.conversation import Turn

        return tuple(Turn(t.question, t.answer) for t in self.history) if self.history else None


class PassageOut(BaseModel):
    id: str
    report: int
    text: str
    start: int = Field(description="offset of the passage in its report's cleaned text")
    end: int
    title: str
    subtitle: str
    date: str
    section: str
    paragraph: int
    places: list[str]


class Citation(BaseModel):
    """Where the cited text is: report, section, paragraph and character offsets in the report."""

    report: int
    title: str
    subtitle: str
    date: str
    section: str
    paragraph: int
    passage_id: str
    start: int
    end: int
    table: str | None = Field(None, description="for an answer cut from a table row: the table's title")
    row: str | None = Field(None, description="… the row's name (its first cell)")
    column: str | None = Field(None, description="… the column's header")

    @classmethod
    def of(cls, passage, start: int, end: int, cell=None) -> "Citation":
        where = {"table": cell.table, "row": cell.row, "column": cell.column} if cell else {}
        return cls(report=passage.report, title=passage.title, subtitle=passage.subtitle, date=passage.date,
                   section=passage.section, paragraph=passage.paragraph, passage_id=passage.id, start=start, end=end,
                   **where)


class HitOut(BaseModel):
    rank: int
    score: float
    found_by: dict[str, int]
    passage: PassageOut
    citation: Citation

    @classmethod
    def of(cls, hit: Hit) -> "HitOut":
        p = hit.passage
        return cls(rank=hit.rank, score=hit.score, found_by=dict(hit.found_by), passage=PassageOut(**p.to_dict()),
                   citation=Citation.of(p, p.start, p.end))


class AnswerOut(BaseModel):
    text: str = Field(description="always passage.text[start:end]")
    score: float
    start: int = Field(description="offset of the answer in passage.text")
    end: int
    reader_score: float
    retrieval_score: float
    confidence: float | None = Field(None, description="calibrated probability that the answer is right (0-1); "
                                     "null when the reader has no calibration")
    read_by: str = Field("reader", description="who cut it: reader (the QA model), header (a report's date or title, "
                         "its citation 0:0 in the body), figure (a ranking's figure written beside the thing counted), source (the sentence that "
                         "says what a which-report question describes, qa.source)")
    passage: PassageOut
    citation: Citation

    @classmethod
    def of(cls, a: Answer) -> "AnswerOut":
        return cls(text=a.text, score=a.score, start=a.start, end=a.end, reader_score=a.reader_score,
                   retrieval_score=a.retrieval_score, confidence=a.confidence, read_by=a.read_by,
                   passage=PassageOut(**a.passage.to_dict()),
                   citation=Citation.of(a.passage, a.report_start, a.report_end, a.cell))


class PartOut(BaseModel):
    """One place's share of a list, comparison or total: its own question, answer, citation and confidence."""

    place: str
    question: str = Field(description="the question asked of this place alone")
    text: str | None = Field(None, description="the answer for this place; null when its report does not say")
    report: int | None = None
    citation: Citation | None = None
    confidence: float | None = None
    abstained: bool
    reason: str | None = Field(None, description="why this place has no answer")
    answer: AnswerOut | None = None
    possible: list[AnswerOut] = Field(default_factory=list)

    @classmethod
    def of(cls, part) -> "PartOut":
        a, r = part.answer, part.response
        return cls(place=part.place, question=part.question, text=a.text if a else None,
                   report=a.passage.report if a else None,
                   citation=Citation.of(a.passage, a.report_start, a.report_end) if a else None,
                   confidence=a.confidence if a else None, abstained=r.abstained, reason=r.reason or None,
                   answer=AnswerOut.of(a) if a else None, possible=[AnswerOut.of(x) for x in r.possible])


class SearchResponse(BaseModel):
    query: str
    hits: list[HitOut]


class AskResponse(BaseModel):
    question: str
    abstained: bool
    message: str | None = Field(None, description="set when the reports do not answer the question")
    reason: str | None = Field(None, description="why there is no answer, in Chinese (e.g. another city's figure)")
    reason_code: str | None = Field(None, description="the same for programs: no_passages, low_confidence, "
                                    "unknown_place, other_place, other_unit, uncounted, other_kind")
    answers: list[AnswerOut]
    hedged: bool = Field(False, description="no answer, but a possible one (可能的答案, low confidence) is offered")
    possible: list[AnswerOut] = Field(default_factory=list, description="the hedged answer, when hedged")
    hits: list[HitOut] = Field(description="the closest passages")
    timings: dict[str, float] = Field(description="milliseconds per stage")
    kind: Literal["single", "list", "compare", "total"] = Field("single", description="what the question asks")
    summary: str | None = Field(None, description="a list, comparison or total in one line, e.g. "
                                "芜湖（1018个）多于来宾（887个）; null for a single question")
    parts: list[PartOut] = Field(default_factory=list, description="each place's own question and cited answer")
    question_used: str | None = Field(None, description="the question answered")

    @classmethod
    def of(cls, response, *, message: str) -> "AskResponse":
        """The JSON shape of an assistant Response; `message` is set when it abstained."""
        return cls(question=response.question, abstained=response.abstained,
                   message=message if response.abstained else None,
                   reason=response.reason or None, reason_code=response.reason_code or None,
                   answers=[AnswerOut.of(a) for a in response.answers], hedged=response.hedged,
                   possible=[AnswerOut.of(a) for a in response.possible],
                   hits=[HitOut.of(h) for h in response.hits], timings=dict(response.timings),
                   kind=response.kind, summary=response.summary, parts=[PartOut.of(p) for p in response.parts],
                   question_used=response.question_used or response.question)


class ReportOut(BaseModel):
    number: int
    title: str
    subtitle: str
    date: str
    places: list[str]
    passages: int

    @classmethod
    def all_of(cls, index) -> list["ReportOut"]:
        counts = index.report_sizes()
        return [cls(number=r.number, title=r.title, subtitle=r.subtitle, date=r.date, places=list(r.places),
                    passages=counts.get(r.number, 0)) for r in index.reports]


class Health(BaseModel):
    status: str
    reports: int
    passages: int
    encoder: str
    reader: str

    @classmethod
    def of(cls, assistant) -> "Health":
        index = assistant.retriever.index
        return cls(status="ok", reports=len(index.reports), passages=len(index.passages),
                   encoder=str(index.manifest.get("encoder", "?")),
                   reader=str(getattr(getattr(assistant, "settings", None), "reader", "?")))
