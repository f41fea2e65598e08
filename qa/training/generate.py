"""Make reader training data from any Chinese report collection: (question, passage, answer span).

Positives: a candidate span (numbers with units, dates, names, titles, quotes) of a sentence, asked
for by a rephrased question. Negatives, for abstention (target [CLS]): the same question paired
with another passage of the same report that lacks the answer, or with a passage of another report,
or (a `deletion_rate` share) with its own passage after the sentence that states the answer is cut
out: the text around it still talks about the same thing, with figures of the same kind, but no
longer says what was asked (what users' unanswerable questions look like: 每月发多少生活补助 of a
city whose report tells of its 随军家属 but not of that allowance).

    python -m qa.training.generate --corpus data/corpus --out runs/train.jsonl --n 6000 --exclude-reports 25-34
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

from embeddings.errors import InputError
from embeddings.types import Passage
from qa.training.candidates import Candidate, find_candidates
from qa.reading.reader import passage_header
from qa.training.questions import make_question

log = logging.getLogger(__name__)

SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
KIND_WEIGHTS = {"count": 3.0, "number": 2.5, "money": 2.5, "percent": 1.5, "date": 1.0, "year": 1.0, "troop": 1.0,
                "title": 1.0, "quote": 0.5, "org": 0.4, "person": 2.0}  # person: only names after a role word
# (answer_types.is_person); jieba's place tags are too noisy to ask about


@dataclass(frozen=True)
class Example:
    """One training pair; `context[answer_start:answer_start+len(answer)] == answer`, or no answer ("", -1)."""

    id: str
    question: str
    passage_id: str
    report: int
    header: str
    context: str
    answer: str
    answer_start: int
    kind: str


def parse_reports(spec: str | None) -> set[int]:
    """"25-34" -> {25, ..., 34}; "1,3,5-7" -> {1, 3, 5, 6, 7}; None or "" -> set()."""
    if not spec:
        return set()
    out: set[int] = set()
    for part in spec.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not m:
            raise InputError(f"report list must look like 25-34 or 1,3,5-7, got {spec!r}")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        out.update(range(lo, hi + 1))
    return out


def sentences(text: str) -> Iterable[tuple[int, str]]:
    """(offset, sentence) pairs: "共建12处。慰问3次。" -> (0, "共建12处。"), (6, "慰问3次。")."""
    for m in SENTENCE_RE.finditer(text):
        if len(m.group().strip()) >= 6:
            yield m.start(), m.group()


def positives(passage: Passage, rng: random.Random, *, per_passage: int) -> list[Example]:
    """Up to `per_passage` question/answer pairs from one passage, weighted towards numbers."""
    pool: list[tuple[float, int, str, Candidate]] = []
    for offset, sentence in sentences(passage.text):
        for cand in find_candidates(sentence):
            if cand.kind in KIND_WEIGHTS:
                pool.append((KIND_WEIGHTS[cand.kind], offset, sentence, cand))
    chosen = _weighted_sample(pool, per_passage, rng)
    place = passage.places[0] if passage.places else ""
    out = []
    for n, (_, offset, sentence, cand) in enumerate(chosen):
        question = make_question(sentence, cand, place=place, subtitle=passage.subtitle, rng=rng)
        start = offset + cand.start
        answer = passage.text[start:offset + cand.end]
        out.append(Example(f"{passage.id}-q{n}", question, passage.id, passage.report, passage_header(passage),
                           passage.text, answer, start, cand.kind))
    return out


def _weighted_sample(pool: list, k: int, rng: random.Random) -> list:
    """k items without replacement, each drawn with probability proportional to its weight (item[0])."""
    keyed = sorted(pool, key=lambda item: rng.random() ** (1.0 / item[0]), reverse=True)
    return keyed[:k]


def negative(example: Example, passages: Sequence[Passage], by_report: dict[int, list[Passage]],
             rng: random.Random) -> Example | None:
    """The question of `example` paired with a passage lacking its answer: same report or another one."""
    same = [p for p in by_report[example.report] if p.id != example.passage_id and example.answer not in p.text]
    if same and rng.random() < 0.6:
        other = rng.choice(same)
    else:
        other = rng.choice(passages)
        if other.report == example.report or example.answer in other.text:
            return None
    return Example(example.id + "-neg", example.question, other.id, other.report, passage_header(other),
                   other.text, "", -1, "none")


DELETION_REACH = 80  # characters kept on each side of the cut sentence


def deleted(example: Example, reach: int = DELETION_REACH) -> Example | None:
    """The question of a positive with its own passage minus the sentence holding the answer, cut to
    `reach` characters on each side of the gap; None when the answer also stands elsewhere."""
    a, b = example.answer_start, example.answer_start + len(example.answer)
    for m in SENTENCE_RE.finditer(example.context):
        if m.start() <= a and b <= m.end():
            before, after = example.context[:m.start()], example.context[m.end():]
            context = before[-reach:] + after[:reach]
            if example.answer in context or len(context.strip()) < 20:
                return None
            return Example(example.id + "-del", example.question, example.passage_id, example.report,
                           example.header, context, "", -1, "none")
    return None


def generate(passages: Sequence[Passage], *, n: int, seed: int = 13, negative_rate: float = 0.35,
             per_passage: int = 4, exclude: set[int] = frozenset(), deletion_rate: float = 0.0) -> list[Example]:
    """About `n` examples (positives plus negatives), deterministic for a seed.

    A `deletion_rate` share of the negatives keep the question's own passage minus its answer sentence
    (`deleted`); the others pair it with another passage (`negative`).
    """
    if not 0.0 <= deletion_rate <= 1.0:
        raise InputError(f"deletion_rate must be between 0 and 1, got {deletion_rate}")
    rng = random.Random(seed)
    kept = [p for p in passages if p.report not in exclude]
    if not kept:
        raise InputError(f"no passages left after excluding reports {sorted(exclude)}")
    by_report: dict[int, list[Passage]] = {}
    for p in kept:
        by_report.setdefault(p.report, []).append(p)
    examples: list[Example] = []
    n_pos = int(n * (1 - negative_rate))
    rounds = 0
    while len([e for e in examples if e.answer]) < n_pos and rounds < 20:
        for p in kept:
            examples.extend(positives(p, rng, per_passage=per_passage))
        rounds += 1
    pos = _dedupe([e for e in examples if e.answer])
    rng.shuffle(pos)
    pos = pos[:n_pos]
    negs = []
    for e in rng.sample(pos, min(len(pos), n - len(pos))):
        neg = deleted(e) if deletion_rate and rng.random() < deletion_rate else None
        if neg := neg or negative(e, kept, by_report, rng):
            negs.append(neg)
    out = pos + negs
    rng.shuffle(out)
    log.info("generated %d examples (%d with answers) from %d passages", len(out), len(pos), len(kept))
    return out


def _dedupe(examples: list[Example]) -> list[Example]:
    seen: dict[tuple[str, str], Example] = {}
    for e in examples:
        seen.setdefault((e.question, e.passage_id), e)
    return [replace_id(e, i) for i, e in enumerate(seen.values())]


def replace_id(e: Example, i: int) -> Example:
    return Example(**{**asdict(e), "id": f"{e.passage_id}-q{i}"})


def write_jsonl(examples: Iterable[Example], path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for e in examples:
            f.write(json.dumps(asdict(e), ensure_ascii=False) + "\n")


def read_jsonl(path: str | Path) -> list[Example]:
    with Path(path).open(encoding="utf-8") as f:
        return [Example(**json.loads(line)) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.training.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", default=["data/corpus"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--n", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--negative-rate", type=float, default=0.35)
    parser.add_argument("--exclude-reports", default="")
    parser.add_argument("--deletion-rate", type=float, default=0.0,
                        help="share of negatives that keep their passage minus the answer sentence")
    args = parser.parse_args(argv)
    from embeddings.ingest import load_collection

    _, passages = load_collection(args.corpus)
    examples = generate(passages, n=args.n, seed=args.seed, negative_rate=args.negative_rate,
                        exclude=parse_reports(args.exclude_reports), deletion_rate=args.deletion_rate)
    write_jsonl(examples, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
