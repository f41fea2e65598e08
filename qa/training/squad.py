"""Human-labelled reading comprehension in SQuAD format: load, split by article, make training examples.

Any SQuAD-format file works (`{"data": [{"title", "paragraphs": [{"context", "qas": [...]}]}]}`), so a
user can bring their own labelled data. Questions are paired with their own paragraph (positives) and,
for abstention, with a paragraph of the same article that lacks the answer, or with their own paragraph
minus the sentence that holds the answer (negatives: what an unanswerable question over a report
looks like: the topic is there, the fact is not).

The DRCD articles are split once by a hash of their title (`part_of`): `heldout` (a third, only ever
measured), `dev` (a twelfth, for choices and calibration) and `train`. The split applies to a title in
every file, so paragraphs of a held-out article in `drcd_dev` are never trained on either.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from embeddings.errors import InputError
from qa.training.generate import SENTENCE_RE, Example

log = logging.getLogger(__name__)

PARTS = ("heldout", "dev", "train")


@dataclass(frozen=True)
class SquadQuestion:
    """One labelled question: `context[answer_start:answer_start + len(answers[0])] == answers[0]`."""

    id: str
    question: str
    answers: tuple[str, ...]
    answer_start: int
    title: str
    context: str
    paragraph: str  # "<file stem>:<index of the paragraph in its file>", unique across files


def part_of(title: str) -> str:
    """The split an article belongs to, by a stable hash of its title: 4/12 heldout, 1/12 dev, rest train.

    >>> part_of("梵文") in PARTS
    True
    """
    bucket = int(hashlib.sha1(title.encode("utf-8")).hexdigest(), 16) % 12
    return "heldout" if bucket < 4 else "dev" if bucket == 4 else "train"


def load_squad(path: str | Path, *, part: str = "all") -> list[SquadQuestion]:
    """The questions of a SQuAD-format file (of one split `part`, or "all"); bad answers are dropped.

    An answer whose text does not stand at its `answer_start` is looked up in the context (the
    nearest occurrence); one that is not in the context at all is dropped with a warning.
    """
    if part not in PARTS + ("all",):
        raise InputError(f"part must be one of {PARTS + ('all',)}, got {part!r}")
    data = _read(Path(path))
    out: list[SquadQuestion] = []
    dropped = 0
    index = -1
    for article in data:
        title = str(article.get("title", ""))
        for para in article.get("paragraphs", []):
            index += 1
            paragraph = f"{Path(path).stem}:{index}"
            if part != "all" and part_of(title) != part:
                continue
            context = para.get("context", "")
            for qa in para.get("qas", []):
                item = _question(qa, title, context, paragraph)
                if item is None:
                    dropped += 1
                else:
                    out.append(item)
    if dropped:
        log.warning("%s: dropped %d questions whose answer is not in their paragraph", path, dropped)
    return out


def _read(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputError(f"SQuAD file not found: {path} (give a JSON file with a top-level 'data' list)")
    try:
        data = json.loads(path.read_text(encoding="utf-8")).get("data")
    except (ValueError, AttributeError, UnicodeDecodeError) as err:
        raise InputError(f"{path} is not SQuAD-format JSON ({err}): expected {{\"data\": [...]}}") from err
    if not isinstance(data, list):
        raise InputError(f"{path} has no 'data' list: not a SQuAD-format file")
    return data


def _question(qa: dict, title: str, context: str, paragraph: str) -> SquadQuestion | None:
    answers = [a for a in qa.get("answers", []) if str(a.get("text", "")).strip()]
    question = str(qa.get("question", "")).strip()
    if not answers or not question:
        return None
    text, start = str(answers[0]["text"]).strip(), int(answers[0].get("answer_start", -1))
    start = locate(context, text, start)
    if start < 0:
        return None
    texts = tuple(dict.fromkeys(str(a["text"]).strip() for a in answers))
    return SquadQuestion(str(qa.get("id", f"p{paragraph}-{len(question)}")), question, texts, start, title,
                         context, paragraph)


def locate(context: str, text: str, start: int) -> int:
    """Where `text` stands in `context`: at `start` if it does, else its nearest occurrence, else -1.

    >>> locate("共建12处，又建12处", "12处", 8)
    8
    >>> locate("共建12处", "12处", 0)
    2
    """
    if 0 <= start and context[start:start + len(text)] == text:
        return start
    hits = [i for i in _find_all(context, text)]
    return min(hits, key=lambda i: abs(i - start)) if hits else -1


def _find_all(context: str, text: str):
    i = context.find(text)
    while i >= 0:
        yield i
        i = context.find(text, i + 1)


def header(title: str) -> str:
    """What the reader sees before a paragraph of an article (as `passage_header` of a titled passage)."""
    return f"{title}：" if title else ""


def positives(questions: Sequence[SquadQuestion]) -> list[Example]:
    """Each labelled question against its own paragraph."""
    return [Example(f"squad-{q.id}", q.question, f"squad-p{q.paragraph}", 0, header(q.title), q.context,
                    q.answers[0], q.answer_start, "squad") for q in questions]


def negatives(questions: Sequence[SquadQuestion], *, rate: float, rng: random.Random,
              deletion_share: float = 0.5) -> list[Example]:
    """About `rate` * len(questions) "no answer" examples: a `deletion_share` of them the question's own
    paragraph without the sentence that holds the answer, the rest another paragraph of its article
    that contains none of its answers."""
    if not 0.0 <= rate <= 1.0:
        raise InputError(f"negative rate must be between 0 and 1, got {rate}")
    by_title: dict[str, dict[str, str]] = {}
    for q in questions:
        by_title.setdefault(q.title, {})[q.paragraph] = q.context
    out: list[Example] = []
    for q in rng.sample(list(questions), int(len(questions) * rate)):
        made = deleted_evidence(q) if rng.random() < deletion_share else None
        made = made or other_paragraph(q, by_title[q.title], rng)
        if made:
            out.append(made)
    return out


def deleted_evidence(q: SquadQuestion, reach: int = 150) -> Example | None:
    """The question against its own paragraph minus the answer's sentence (None if an answer remains).

    >>> q = SquadQuestion("1", "首都是哪里？", ("北京",), 6, "中国", "中国很大。首都是北京。人口很多，历史悠久。", "f:0")
    >>> deleted_evidence(q).context
    '中国很大。人口很多，历史悠久。'
    """
    a, b = q.answer_start, q.answer_start + len(q.answers[0])
    for m in SENTENCE_RE.finditer(q.context):
        if m.start() <= a and b <= m.end():
            context = q.context[:m.start()][-reach:] + q.context[m.end():][:reach]
            if len(context.strip()) < 10 or any(ans in context for ans in q.answers):
                return None
            return Example(f"squad-{q.id}-del", q.question, f"squad-p{q.paragraph}", 0, header(q.title), context,
                           "", -1, "none")
    return None


def other_paragraph(q: SquadQuestion, paragraphs: dict[str, str], rng: random.Random) -> Example | None:
    """The question against another paragraph of its article that holds none of its answers."""
    others = [i for i, text in paragraphs.items() if i != q.paragraph and not any(a in text for a in q.answers)]
    if not others:
        return None
    i = rng.choice(others)
    return Example(f"squad-{q.id}-neg{i}", q.question, f"squad-p{i}", 0, header(q.title), paragraphs[i],
                   "", -1, "none")


def squad_examples(paths: Sequence[str | Path], *, negative_rate: float, seed: int, part: str = "train",
                   exclude_titles: frozenset[str] = frozenset()) -> list[Example]:
    """Training examples (positives and negatives) from SQuAD files, one split `part` of each."""
    rng = random.Random(seed)
    questions = [q for path in paths for q in load_squad(path, part=part) if q.title not in exclude_titles]
    examples = positives(questions) + negatives(questions, rate=negative_rate, rng=rng)
    log.info("%d SQuAD questions -> %d examples (%d without answer)", len(questions), len(examples),
             sum(1 for e in examples if not e.answer))
    return examples
