"""What an evaluation measured, as data: one ItemResult per gold question and the EvalReport around them.

The harness fills them; the report and the plots read them (neither imports the harness).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from eval.metrics import Scored


@dataclass(frozen=True)
class ItemResult:
    """One gold question as the system handled it; QA fields stay None in a retrieval-only run."""

    id: str
    question: str
    type: str
    style: str
    split: str
    answerable: bool
    gold_report: int | None
    ranks: dict[str, int | None]
    retrieval_ms: dict[str, float]
    prediction: str | None = None
    abstained: bool | None = None
    reason: str | None = None  # why the assistant abstained (Response.reason)
    reason_code: str | None = None  # the same as a code (Response.reason_code)
    confidence: float | None = None  # calibrated P(right) of the answer given, or of the hedged one
    hedged: str | None = None  # the possible answer offered with "not found" (Response.possible), if any
    score: float | None = None
    em: float | None = None
    f1: float | None = None
    first_hit_rank: int | None = None
    cited_report: int | None = None
    latency_ms: float | None = None
    compare: dict[str, str | None] = field(default_factory=dict)

    def scored(self) -> Scored:
        return Scored(self.type, self.style, self.answerable, bool(self.abstained), self.em or 0.0,
                      self.f1 or 0.0, self.cited_report, self.gold_report)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EvalReport:
    """What one evaluation measured: settings, retrieval per mode, QA breakdown, comparisons and items."""

    meta: dict[str, Any]
    retrieval: dict[str, dict[str, Any]]
    items: tuple[ItemResult, ...]
    qa: dict[str, Any] | None = None
    compare: dict[str, dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        summary = {"meta": self.meta, "retrieval": self.retrieval, "qa": self.qa, "compare": self.compare}
        return {"summary": summary, "items": [i.to_dict() for i in self.items]}
