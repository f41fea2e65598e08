"""The assistant: retrieve passages, read answers from the top ones, or abstain.

Abstention compares the reader's best margin (best span score minus its window's [CLS] score)
with a threshold: Settings.no_answer_threshold when set, else the value calibrated on the dev
questions into `<reader folder>/calibration.json` (`python -m qa.training.calibrate`), else 0.
It also abstains when the question names a place no report covers, drops answers cut from a report
about another place than the one the question names (and abstains when none is left), and abstains
when a count question gets a number of something else (多少名 answered by "11场") or when the passage does
not name what the question counts near the answer (多少名随军家属 answered by "125名" of 官兵子女): qa.reading.abstain.
(Abstaining whenever the best answer lacks the asked-for shape, e.g. no year for 哪一年, was measured
and dropped: it cost more answerable questions than it saved unanswerable ones.)
"""
from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path
from typing import Iterable, Protocol, Sequence

from embeddings.errors import InputError
from embeddings.types import Passage, Report
from qa.reading.abstain import named_places, uncounted, unit_mismatch, unknown_places, unmentioned
from qa.reading.reader import Reader, ReadResult
from qa.settings import Settings, check_k, check_query
from qa.types import Answer, Hit, Response

log = logging.getLogger(__name__)

CALIBRATION_FILE = "calibration.json"
# The reader returns this many answer candidates; the place check may drop some, the response keeps top_n.
ANSWER_POOL = 10


class SearchesPassages(Protocol):
    def search_batch(self, queries: list[str], k: int | None = None, **options) -> list[list[Hit]]: ...


class ReadsPassages(Protocol):
    def read_batch(self, questions: Sequence[str], passages: Sequence[Sequence[Hit]], *,
                   top_n: int = 3, read_more_below: float | None = None) -> list[ReadResult]: ...


def calibration(reader_path: str | Path) -> dict | None:
    """The calibration saved next to a reader (threshold, the reader options it was fitted with), or None."""
    path = Path(reader_path) / CALIBRATION_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        float(data["threshold"])
        return data
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path} is not a calibration file ({err}): rerun python -m qa.training.calibrate") from err


def calibrated_threshold(reader_path: str | Path) -> float | None:
    """The threshold saved next to a reader, or None when there is none."""
    data = calibration(reader_path)
    return None if data is None else float(data["threshold"])


class Assistant:
    """Answer questions over an indexed report collection: `ask` is one call over `ask_batch`."""

    def __init__(self, retriever: SearchesPassages, reader: ReadsPassages, *, settings: Settings | None = None,
                 threshold: float | None = None, top_n: int = 3) -> None:
        self.retriever = retriever
        self.reader = reader
        self.settings = settings or Settings()
        self.top_n = top_n
        self._places: set[str] | None = None
        self._reports: dict[int, Report] | None = None
        if self.settings.no_answer_threshold is not None:
            threshold = self.settings.no_answer_threshold
        elif threshold is None:
            threshold = calibrated_threshold(getattr(reader, "model_name_or_path", "")) if hasattr(
                reader, "model_name_or_path") else None
        self.threshold = 0.0 if threshold is None else float(threshold)

    @classmethod
    def load(cls, settings: Settings | None = None, *, reader_options: dict | None = None) -> "Assistant":
        """The retriever from settings.index_dir (built from settings.corpus if missing) and the reader.

        `reader_options` go to Reader(...), e.g. {"quantize": True, "max_length": 256}; by default
        those the threshold was calibrated with (calibration.json), so the two always travel together.
        """
        from embeddings.encoders import make_encoder
        from embeddings.index import ensure_index
        from qa.retrieval.retriever import Retriever

        settings = settings or Settings()
        encoder = make_encoder(settings.encoder)
        if not (Path(settings.index_dir) / "manifest.json").exists():
            log.info("no index at %s: building it from %s", settings.index_dir, settings.corpus)
            ensure_index(list(settings.corpus), settings.index_dir, encoder, index_type=settings.index_type)
        retriever = Retriever.load(settings.index_dir, encoder=encoder, settings=settings)
        saved = (calibration(settings.reader) or {}).get("reader_options", {})
        reader = Reader(settings.reader, **{**saved, **(reader_options or {})})
        reader.warm_up()
        return cls(retriever, reader, settings=settings)

    def ask(self, question: str, *, k: int | None = None, reports: Iterable[int] | None = None,
            places: Iterable[str] | None = None) -> Response:
        return self.ask_batch([question], k=k, reports=reports, places=places)[0]

    def ask_batch(self, questions: Sequence[str], *, k: int | None = None, reports: Iterable[int] | None = None,
                  places: Iterable[str] | None = None) -> list[Response]:
        """Retrieve k passages per question, read the top `settings.reader_top_k` (the 2nd and later only
        when the first leaves the reader unsure: `settings.read_more_below`), answer or abstain."""
        if isinstance(questions, str):
            raise InputError("ask_batch takes a list of questions; use ask() for one question")
        k = check_k(self.settings.k if k is None else k)
        questions = [check_query(q, self.settings.max_query_chars) for q in questions]
        if not questions:
            return []
        t0 = time.perf_counter()
        hits = self.retriever.search_batch(questions, k, reports=list(reports or []) or None,
                                           places=list(places or []) or None)
        t1 = time.perf_counter()
        named = [named_places(q, self.known_places()) for q in questions]  # the indexed places each one names
        to_read = [self.reading_order(n, h)[: self.settings.reader_top_k] for n, h in zip(named, hits)]
        results = self.reader.read_batch(questions, to_read, top_n=max(self.top_n, ANSWER_POOL),
                                         read_more_below=self.settings.read_more_below)
        t2 = time.perf_counter()
        n = len(questions)
        timings = {"retrieve_ms": round((t1 - t0) * 1000 / n, 2), "read_ms": round((t2 - t1) * 1000 / n, 2),
                   "total_ms": round((t2 - t0) * 1000 / n, 2)}
        return [self._response(q, n, h, r, timings) for q, n, h, r in zip(questions, named, hits, results)]

    def known_places(self) -> set[str]:
        """Every place a report of the index names (empty when the retriever does not say)."""
        if self._places is None:
            self._places = {p for r in self.reports().values() for p in r.places}
        return self._places

    def reports(self) -> dict[int, Report]:
        """The reports of the index by number (empty when the retriever does not say)."""
        if self._reports is None:
            reports = getattr(getattr(self.retriever, "index", None), "reports", None) or []
            self._reports = {r.number: r for r in reports}
        return self._reports

    def is_off_place(self, named: Sequence[str], passage: Passage) -> bool:
        """True when a place the question names (`named`, from qa.reading.abstain.named_places) is one the passage's
        report is not about and never mentions: an answer from it would be another place's figure."""
        report = self.reports().get(passage.report) if named else None
        if report is None:
            return False
        return bool(unmentioned(named, report.places, report.text, passage.subtitle or passage.title))

    def reading_order(self, named: Sequence[str], hits: Sequence[Hit]) -> list[Hit]:
        """The hits with those about the places the question names first (stable otherwise)."""
        off = [self.is_off_place(named, h.passage) for h in hits]
        return [h for h, o in zip(hits, off) if not o] + [h for h, o in zip(hits, off) if o]

    def _response(self, question: str, named: Sequence[str], hits: list[Hit], result: ReadResult,
                  timings: dict) -> Response:
        answers, code, reason = self._checked(question, named, result)
        no_answer = -result.margin if math.isfinite(result.margin) else 1000.0
        return Response(question, answers, tuple(hits), dict(timings), round(no_answer, 4), reason, code)

    def _checked(self, question: str, named: Sequence[str],
                 result: ReadResult) -> tuple[tuple[Answer, ...], str, str]:
        """The answers that pass every abstention check, or () with a reason code and why (in Chinese)."""
        if not result.answers:
            return (), "no_passages", "没有检索到可读的段落"
        if result.margin < self.threshold:
            return (), "low_confidence", "最接近的段落里没有把握找到答案"
        unknown = unknown_places(question, self.known_places(), result.answers[0].passage.text) \
            if self.known_places() else []
        if unknown:
            return (), "unknown_place", f"报告中没有关于{'、'.join(unknown)}的内容"
        answers = tuple(a for a in result.answers if not self.is_off_place(named, a.passage))[: self.top_n]
        if not answers:
            other = result.answers[0]
            where = "、".join(other.passage.places) or "其他地区"
            return (), "other_place", f"找到的“{other.text}”出自关于{where}的报告，不是问题所问的地区"
        best = answers[0]
        if unit_mismatch(question, best.text):
            return (), "other_unit", f"段落中最接近的数字“{best.text}”计的是别的东西，不是问题所问的"
        noun = uncounted(question, best.passage.text, best.start, best.end)
        if noun:
            return (), "uncounted", f"段落中的“{best.text}”附近没有提到问题所数的“{noun}”"
        return answers, "", ""
