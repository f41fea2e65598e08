"""A deterministic fake Assistant behind the real interface, for tests and UI demos (no models, milliseconds).

It answers from a few hand-made passages: a question is answered when it names a fact's place and
all of the fact's keywords; otherwise it abstains and returns the passages sharing most characters.
"""
from __future__ import annotations

from collections import Counter

import threading
import time
from dataclasses import dataclass, field
from typing import Iterable

from embeddings.errors import InputError
from embeddings.places import stem
from embeddings.types import Passage, Report
from qa.settings import ROOT, Settings, check_query
from qa.types import Answer, Hit, Response

ZHANGYE = ("坚持“部队需要什么就支持什么”的原则，累计为驻地部队划拨土地2000多亩，用于建设训练场地、"
           "军事设施和修缮营区等基础工程。")
WUHU = "芜湖市把双拥工作纳入全市发展规划，累计为驻芜部队划拨土地300余亩，用于营区建设。"
KAIFENG = "开封市建成退役军人服务中心（站）1200余个，实现市、县、乡、村四级全覆盖。"
# corpus text may hold markup-like characters; the UI must show them as text, never render them
SCRIPTED = "据统计，<b>拥军</b>企业达到<script>alert(1)</script>56家 & 更多。"


@dataclass(frozen=True)
class Fact:
    passage: Passage
    answer: str
    keywords: tuple[str, ...]


def _passage(number: int, paragraph: int, text: str, title: str, subtitle: str, place: str) -> Passage:
    return Passage(id=f"r{number:03d}-p{paragraph:03d}", report=number, text=text, start=100 * paragraph,
                   end=100 * paragraph + len(text), title=title, subtitle=subtitle, date="2023年8月1日",
                   section="一、传承红色基因当好强军后盾", paragraph=paragraph, places=(place,))


def default_facts() -> list[Fact]:
    return [
        Fact(_passage(1, 4, ZHANGYE, "擦亮“彩虹城市双拥张掖”新品牌", "张掖市创建双拥模范城（县）工作综述", "张掖市"),
             "2000多亩", ("划拨", "土地")),
        Fact(_passage(2, 7, WUHU, "打造尊崇无忧新格局", "芜湖市双拥工作综述", "芜湖市"), "300余亩", ("划拨", "土地")),
        Fact(_passage(5, 3, KAIFENG, "弘扬双拥主旋律砥砺奋进新征程", "开封市双拥工作综述", "开封市"),
             "1200余个", ("服务中心",)),
        Fact(_passage(8, 2, SCRIPTED, "军民共发展<鱼水情>更浓", "陇东市双拥工作综述", "陇东市"), "56家", ("拥军企业",)),
    ]


@dataclass
class FakeIndex:
    reports: list[Report]
    passages: list[Passage]
    manifest: dict

    def report_sizes(self) -> dict[int, int]:
        return dict(Counter(p.report for p in self.passages))


@dataclass
class FakeRetriever:
    index: FakeIndex
    settings: Settings = field(default_factory=Settings)

    def search(self, query: str, k: int | None = None, *, mode: str = "hybrid",
               reports: Iterable[int] | None = None, places: Iterable[str] | None = None) -> list[Hit]:
        query = check_query(query, self.settings.max_query_chars)
        pool = _filtered(self.index.passages, reports, places)
        ranked = sorted(pool, key=lambda p: (-_overlap(query, p.text), p.id))[: k or self.settings.k]
        return [Hit(p, round(_overlap(query, p.text) / max(len(query), 1), 4), rank, {"fake": rank})
                for rank, p in enumerate(ranked, 1)]

    def search_batch(self, queries: list[str], k: int | None = None, **options) -> list[list[Hit]]:
        return [self.search(q, k, **options) for q in queries]

    def best_per_report(self, query: str, k: int = 1, **options) -> dict[int, list[Hit]]:
        """Each report's top-k hits, the reports in the order of their best hit (as the real retriever)."""
        each: dict[int, list[Hit]] = {}
        for hit in self.search(query, 100, **options):
            each.setdefault(hit.passage.report, []).append(hit)
        return {n: hits[:k] for n, hits in each.items()}


class FakeAssistant:
    """Same surface as qa.assistant.Assistant: `ask`, `retriever`, `settings`; `delay` simulates model time."""

    def __init__(self, facts: list[Fact] | None = None, *, delay: float = 0.0) -> None:
        self.facts = facts or default_facts()
        self.delay = delay
        self.settings = Settings(reader="fake-reader", encoder="fake-encoder")
        self.calls = 0
        self._lock = threading.Lock()
        passages = [f.passage for f in self.facts]
        reports = [Report(p.report, p.title, p.subtitle, p.date, "fake", p.text, p.places) for p in passages]
        # the fake stands in for the shipped corpus, so the UI over it is branded like it (data/corpus/collection.json)
        sources = [{"path": str(ROOT / "data" / "corpus" / "shuangyong_2023.txt")}]
        manifest = {"encoder": "fake-encoder", "passages": len(passages), "reports": len(reports), "sources": sources}
        self.retriever = FakeRetriever(FakeIndex(reports, passages, manifest), self.settings)

    @classmethod
    def load(cls, settings: Settings | None = None) -> "FakeAssistant":
        return cls()

    def ask(self, question: str, *, k: int | None = None, reports: Iterable[int] | None = None,
            places: Iterable[str] | None = None, history=None) -> Response:
        """As Assistant.ask: a follow-up resolved against `history`, a list, comparison or total through
        qa.multi over the fake's own answers."""
        from dataclasses import replace

        from qa.conversation import resolve
        from qa.kinds import detect
        from qa.multi import answer

        question = check_query(question, self.settings.max_query_chars)
        used = resolve(question, history or [], self.known_places(), places=list(places or [])) \
            if history or places else question
        kind = detect(used, self.known_places())
        if kind.kind != "single":
            response = answer(self, used, kind, k=k, reports=reports, places=places)
        else:
            response = self._ask_one(used, k=k, reports=reports, places=places)
        return response if used == question else replace(response, question=question, question_used=used)

    def ask_each(self, questions: list[str], scopes: list[dict], *, k: int | None = None,
                 thorough: bool = False) -> list[Response]:
        return [self._ask_one(q, k=k, reports=s.get("reports"), places=s.get("places"))
                for q, s in zip(questions, scopes)]

    def read_hits(self, questions: list[str], hits: list[list[Hit]], *, skip_checks=()) -> list[Response]:
        return [self._ask_one(q, reports=[h.passage.report for h in hs] or None) for q, hs in zip(questions, hits)]

    def known_places(self) -> set[str]:
        return {p for r in self.retriever.index.reports for p in r.places}

    def _ask_one(self, question: str, *, k: int | None = None, reports: Iterable[int] | None = None,
                 places: Iterable[str] | None = None) -> Response:
        started = time.perf_counter()
        question = check_query(question, self.settings.max_query_chars)
        with self._lock:
            self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        hits = self.retriever.search(question, k, reports=reports, places=places)
        allowed = {h.passage.id for h in self.retriever.search(question, 100, reports=reports, places=places)}
        answers = tuple(self._answer(f) for f in self.facts if f.passage.id in allowed and _matches(f, question))
        return Response(question, answers, tuple(hits), {"total": (time.perf_counter() - started) * 1000},
                        reason="" if answers else "假助手只认得它的几条事实",
                        reason_code="" if answers else "low_confidence", question_used=question)

    @staticmethod
    def _answer(fact: Fact) -> Answer:
        start = fact.passage.text.index(fact.answer)
        return Answer(fact.answer, 0.91, fact.passage, start, start + len(fact.answer), 0.9, 0.5, confidence=0.91)


def _matches(fact: Fact, question: str) -> bool:
    named = any(stem(p) in question for p in fact.passage.places)
    return named and all(word in question for word in fact.keywords)


def _overlap(query: str, text: str) -> int:
    return len(set(query) & set(text))


def _filtered(passages: list[Passage], reports, places) -> list[Passage]:
    wanted_reports = {int(r) for r in reports or ()}
    wanted_places = {stem(p) for p in places or () if p.strip()}
    if wanted_reports - {p.report for p in passages}:
        raise InputError(f"report(s) {sorted(wanted_reports)} not in the index")
    return [p for p in passages if (not wanted_reports or p.report in wanted_reports)
            and (not wanted_places or wanted_places & {stem(x) for x in p.places})]
