"""The assistant: retrieve passages, read answers from the top ones, then keep them or abstain.

One question's path: retrieval (`qa.retrieval`) finds k passages; the places the question names put the
passages about them first (`qa.reading.places`); the reader (`qa.reading.reader`) reads the top ones; the
abstention decision (`qa.reading.abstain.decide`) keeps the answers or gives the reason there are none.
The threshold the decision compares the reader's best margin with is Settings.no_answer_threshold when
set, else the value calibrated on the dev questions into `<reader folder>/calibration.json`
(`python -m qa.training.calibrate`), else 0.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Protocol, Sequence

from embeddings.errors import InputError
from embeddings.places import stem
from embeddings.types import Report
from qa.calibration import calibration
from qa.conversation import Turn, resolve
from qa.kinds import detect
from qa.multi import answer as answer_multi
from qa.reading.abstain import decide
from qa.reading.concepts import show
from qa.reading.confidence import Confidence
from qa.reading.list_margin import credited, whole_list_first
from qa.reading.row_margin import row_credited
from qa.reading.unit_margin import unit_credited
from qa.reading.places import ReportPlaces, local_places, mentioning
from qa.reading.rarity import PairRarity
from qa.reading.reader import Reader, ReadResult
from qa.report_header import header_answers
from qa.report_lists import header_list
from qa.reworded import REWORDED_CONFIDENCE_CAP, Reworder, second_wording
from qa.script import CollectionScript, collection_script
from qa.settings import Settings, builds_missing_index, check_k, check_query
from qa.source import answer_source, asks_source, elsewhere, told
from qa.subject import no_subject
from qa.types import Answer, Hit, Response

if TYPE_CHECKING:
    from qa.page_types import PageView

log = logging.getLogger(__name__)

# The reader returns this many answer candidates; the place check may drop some, the response keeps top_n.
ANSWER_POOL = 10


class SearchesPassages(Protocol):
    def search_batch(self, queries: list[str], k: int | None = None, **options) -> list[list[Hit]]: ...


class ReadsPassages(Protocol):
    def read_batch(self, questions: Sequence[str], passages: Sequence[Sequence[Hit]], *,
                   top_n: int = 3, read_more_below: float | None = None) -> list[ReadResult]: ...


class Assistant:
    """Answer questions over an indexed report collection: `ask` is one call over `ask_batch`."""

    def __init__(self, retriever: SearchesPassages, reader: ReadsPassages, *, settings: Settings | None = None,
                 threshold: float | None = None, top_n: int = 3) -> None:
        self.retriever = retriever
        self.reader = reader
        self.settings = settings or Settings()
        self.top_n = top_n
        self._places: ReportPlaces | None = None
        self._rarity: PairRarity | None = None
        self._script: CollectionScript | None = None
        self._reworder: Reworder | None = None
        path = getattr(reader, "model_name_or_path", None)
        saved = calibration(path) if isinstance(path, (str, Path)) else None  # read once: threshold and curve
        if self.settings.no_answer_threshold is not None:
            threshold = self.settings.no_answer_threshold
        elif threshold is None and saved is not None:
            threshold = float(saved["threshold"])
        self.threshold = 0.0 if threshold is None else float(threshold)
        band = self.settings.hedge_band  # 可能的答案 from this margin down to the threshold (None: never)
        self.hedge_from = None if band is None else self.threshold - band
        self.confidence = Confidence.from_dict(saved["confidence"]) if saved and saved.get("confidence") else None

    @classmethod
    def load(cls, settings: Settings | None = None, *, reader_options: dict | None = None) -> "Assistant":
        """The retriever from settings.index_dir and the reader (the shipped default index is built from
        settings.corpus when its folder is absent; any other folder must already hold an index).

        `reader_options` go to Reader(...), e.g. {"quantize": True, "max_length": 256}; by default
        those the threshold was calibrated with (calibration.json), so the two always travel together.
        """
        from embeddings.encoders import make_encoder
        from embeddings.index import ensure_index
        from qa.retrieval.retriever import Retriever

        settings = settings or Settings()
        encoder = make_encoder(settings.encoder, backend=settings.backend)
        if builds_missing_index(settings):  # the shipped default only; a named folder must be an index
            log.info("no index at %s: building it from %s", settings.index_dir, settings.corpus)
            ensure_index(list(settings.corpus), settings.index_dir, encoder, index_type=settings.index_type)
        retriever = Retriever.load(settings.index_dir, encoder=encoder, settings=settings)
        saved = (calibration(settings.reader) or {}).get("reader_options", {})
        reader = Reader(settings.reader, **{"backend": settings.backend, "precision": settings.reader_precision,
                                            **saved, **(reader_options or {})})
        reader.warm_up()
        return cls(retriever, reader, settings=settings)

    def ask(self, question: str, *, k: int | None = None, reports: Iterable[int] | None = None,
            places: Iterable[str] | None = None, history: Sequence[Turn] | None = None) -> Response:
        """The answer to one question: a single one through `ask_batch`; a list, comparison or total
        (`qa.kinds.detect`) one question per place, combined by `qa.multi.answer`. With `history` (the
        earlier turns), a follow-up is first made to stand alone (`qa.conversation.resolve`): the
        response's `question` is the one asked, `question_used` the one answered."""
        question = check_query(question, self.settings.max_query_chars)
        places = list(places or [])
        used = self._in_collection_script(question)
        book = self.report_places()  # a place in a name about none (纪念延安双拥运动…) is hidden from resolve and detect
        over = (r for r in self.reports().values() if (not reports or r.number in set(reports)) and
                (not places or {stem(p) for p in r.places} & {stem(p) for p in places}))  # read only when asked
        if (listed := header_list(used, over)) is not None:  # 标题里带“新时代”的是哪几篇？ 一共有多少篇报告？: of the
            return listed if used == question else replace(listed, question=question, question_used=used)  # whole
        if history or places:  # collection (or the filter), never of the last turn's place
            said = [replace(t, question=book.hidden(told(t.question, t.answer or "", self.known_places())),
                            answer=t.answer or "") for t in history or []]  # None: ""; 是哪个市的？ then of its answer
            used = show(resolve(book.hidden(elsewhere(used, history or [])), said, self.known_places(), places=places))
        if why := no_subject(used, self.known_places(), bool(history or places or reports)):  # 谁更多？ / 该市…？ with
            return Response(question, (), (), reason=why, reason_code="no_subject", question_used=used)  # nothing said
        if (description := asks_source(used)) and not book.named(description):  # 有份报告说…，是哪个市的？
            return replace(answer_source(self, used, description, reports=reports, places=places), question=question)
        kind = detect(book.hidden(used), self.known_places())
        if kind.kind == "single":
            response = self.ask_batch([used], k=k, reports=reports, places=places)[0]
        else:
            response = answer_multi(self, used, kind, k=k, reports=reports, places=places)
        if response.question_used and response.question_used != used:  # reworded in its passage's words
            return replace(response, question=question)
        return response if used == question else replace(response, question=question, question_used=used)

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
        return self.read_hits(questions, hits, started=t0)

    def ask_each(self, questions: Sequence[str], scopes: Sequence[dict], *, k: int | None = None,
                 thorough: bool = False) -> list[Response]:
        """Each question within its own filters (`scopes[i]`: {"reports": [...], "places": [...]}, either
        optional): retrieved one by one, read in one batch (`thorough`: every hit read, see read_hits)."""
        if len(questions) != len(scopes):
            raise InputError(f"got {len(questions)} questions but {len(scopes)} scopes")
        k = check_k(self.settings.k if k is None else k)
        questions = [check_query(q, self.settings.max_query_chars) for q in questions]
        t0 = time.perf_counter()
        hits = [self.retriever.search_batch([q], k, reports=list(s.get("reports") or []) or None,
                                            places=list(s.get("places") or []) or None)[0]
                for q, s in zip(questions, scopes)]
        return self.read_hits(questions, hits, started=t0, thorough=thorough)

    def read_hits(self, questions: Sequence[str], hits: Sequence[list[Hit]], *,
                  started: float | None = None, thorough: bool = False,
                  skip_checks: Sequence[str] = ()) -> list[Response]:
        """Read each question's hits (those about the places it names first) and answer or abstain;
        `started` is when retrieval began (perf_counter), for the timings. `thorough` reads every hit, all at
        once (a part of a comparison or total, within one place), not the top `reader_top_k` lazily;
        `skip_checks` are abstention checks not run for these questions (a place list's parts)."""
        if not questions:
            return []
        t1 = time.perf_counter()
        t0 = t1 if started is None else started
        book = self.report_places()
        named = [book.named(q) for q in questions]  # the indexed places each one names
        local = [local_places(q, book.known) if book.known else [] for q in questions]  # and places within them
        top_k = None if thorough else self.settings.reader_top_k
        to_read = [book.reading_order(n, mentioning(lo, h, q, book.known))[:top_k]
                   for q, n, lo, h in zip(questions, named, local, hits)]
        results = self.reader.read_batch(questions, to_read, top_n=max(self.top_n, ANSWER_POOL),
                                         read_more_below=None if thorough else self.settings.read_more_below)
        t2 = time.perf_counter()
        n = len(questions)
        timings = {"retrieve_ms": round((t1 - t0) * 1000 / n, 2), "read_ms": round((t2 - t1) * 1000 / n, 2),
                   "total_ms": round((t2 - t0) * 1000 / n, 2)}
        checks = [c for c in self.settings.abstain_checks if c not in skip_checks]
        lift = not thorough and not skip_checks  # a part of a comparison, total or list: no unit lift (unit_margin)
        responses = [self._response(q, n, h, r, timings, read, checks, lift) for q, n, h, r, read in
                     zip(questions, named, hits, results, to_read)]
        if not self.settings.reword or skip_checks:  # a place list's parts ask of places that may lack the thing
            return responses
        return self._reworded(responses, named, hits, to_read, timings, checks, lift)

    def _reworded(self, responses: list[Response], named: list, hits: Sequence[list[Hit]], to_read: list,
                  timings: dict, checks: Sequence[str], lift: bool = True) -> list[Response]:
        """Each abstained response read again with its question in its top passage's words (qa.reworded), kept
        when that answers: its confidence at most REWORDED_CONFIDENCE_CAP, `question_used` the reworded question."""
        encoder = getattr(self.retriever, "encoder", None)
        if encoder is None:
            return responses
        self._reworder = self._reworder or Reworder(encoder)
        redo = [(i, w) for i, r in enumerate(responses) if r.abstained and to_read[i] and
                (w := second_wording(self._reworder, r.question, to_read[i][0].passage.text, self.known_places(),
                                     named[i]))]
        if not redo:
            return responses
        # only the passage it was reworded against is read again (all three would double the slowest questions)
        results = self.reader.read_batch([w.question for _, w in redo], [to_read[i][:1] for i, _ in redo],
                                         top_n=max(self.top_n, ANSWER_POOL))
        out, kinds = list(responses), [c for c in checks if c in ("other_unit", "other_kind")]
        for (i, w), result in zip(redo, results):  # its kind judged by the question asked (租金 -> 租赁 asks no 8620套)
            again = self._response(w.question, named[i], hits[i], result, timings, to_read[i][:1], checks, lift)
            if again.abstained or self._response(responses[i].question, named[i], hits[i], result, timings,
                                                 to_read[i][:1], kinds, lift).reason_code in kinds:
                continue
            log.info("reworded %r as %r: answered", responses[i].question, w.question)
            capped = tuple(a if a.confidence is None else replace(a, confidence=min(a.confidence, REWORDED_CONFIDENCE_CAP))
                           for a in again.answers)
            out[i] = replace(again, question=responses[i].question, question_used=w.question, answers=capped)
        return out

    def page(self, answer: Answer, *, dpi: int = 100) -> "PageView":
        """The answer on its page: a PDF page image with the answer's characters boxed, or for other formats its
        passage in its section (qa.page.page_view)."""
        start = answer.report_start
        return self.page_at(answer.passage.report, start, start + len(answer.text), dpi=dpi)

    def page_at(self, report: int, start: int | None = None, end: int | None = None, *, page: int | None = None,
                dpi: int = 100) -> "PageView":
        """Report `report`'s text [start:end) on its page, or page `page` of it (qa.page.page_view)."""
        from qa.page import page_view

        return page_view(self.retriever.index, report, start, end, page=page, dpi=dpi)

    def reload_index(self) -> None:
        """Serve the index's current version (after documents were added or removed)."""
        self.retriever.reopen()
        self._places = None
        self._rarity = None
        self._script = None

    def _in_collection_script(self, question: str) -> str:
        """The question in the collection's script: Traditional characters made Simplified for a Simplified
        collection, and the other way round (`qa.script`); the script is told once, from the first 20 reports."""
        if self._script is None:
            self._script = collection_script(r.text for r in list(self.reports().values())[:20])
        return self._script.convert(question)

    def report_places(self) -> ReportPlaces:
        """The places of the index's reports, read from the retriever on first use (empty when it does not say)."""
        if self._places is None:
            self._places = ReportPlaces(getattr(getattr(self.retriever, "index", None), "reports", None) or [])
        return self._places

    def pair_rarity(self) -> PairRarity | None:
        """How rare each character pair is in the index's reports, counted on first use (qa.reading.rarity); None
        when the retriever lends no reports' text (each shared pair then counts one)."""
        if self._rarity is None and self.reports():
            self._rarity = PairRarity.from_texts(r.text for r in self.reports().values())
        return self._rarity

    def known_places(self) -> set[str]:
        """Every place a report of the index names."""
        return self.report_places().known

    def reports(self) -> dict[int, Report]:
        """The reports of the index by number."""
        return self.report_places().reports

    def _response(self, question: str, named: Sequence[str], hits: list[Hit], result: ReadResult,
                  timings: dict, read: Sequence[Hit], checks: Sequence[str], lift: bool = True) -> Response:
        header = header_answers(question, named, self.reports().values(), hits)  # 那篇综述是哪天写的？
        if header:
            return Response(question, header, tuple(hits), dict(timings), -1000.0, question_used=question)  # sure
        result = credited(question, whole_list_first(question, result), self.settings.list_credit)  # 哪些: a whole list
        result = row_credited(question, result, self.settings.row_credit)  # a table cell of the row the question names
        if lift:  # a single question's figure of the asked kind just below the threshold: 93.5% for 占多少
            result = unit_credited(question, result, self.settings.unit_credit, self.threshold)
        decision = decide(question, result, self.report_places(), named=named, threshold=self.threshold,
                          top_n=self.top_n, checks=checks, hedge_from=self.hedge_from,
                          seen="\n".join(h.passage.text for h in read), rarity=self.pair_rarity())
        no_answer = -result.margin if math.isfinite(result.margin) else 1000.0
        answers, possible = decision.answers, decision.possible
        if self.confidence is not None:
            answers = tuple(replace(a, confidence=self.confidence.probability(a.reader_score)) for a in answers)
            possible = tuple(replace(a, confidence=self.confidence.probability(a.reader_score)) for a in possible)
        if answers and answers[0].read_by == "reader" and answers[0].reader_score < self.threshold:  # its own margin
            # below the threshold (shown 低 where the threshold is the curve's 0.5): a possible answer only
            return Response(question, (), tuple(hits), dict(timings), round(no_answer, 4), "最接近的段落里没有把握找到答案",
                            "low_confidence", answers[:1], question_used=question)
        return Response(question, answers, tuple(hits), dict(timings), round(no_answer, 4), decision.reason,
                        decision.reason_code, possible, question_used=question)
